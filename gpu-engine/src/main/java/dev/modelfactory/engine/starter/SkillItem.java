package dev.modelfactory.engine.starter;

/** One Alpaca-style example of a skill: the task, its input, and the one right answer. */
public record SkillItem(String instruction, String input, String output) {
}
