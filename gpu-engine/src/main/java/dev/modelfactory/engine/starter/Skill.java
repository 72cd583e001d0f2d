package dev.modelfactory.engine.starter;

import java.util.List;
import java.util.Set;

/**
 * A demo dataset: one skill, from one contributor, under one licence, with the uses the contributor
 * allows ({@code train}, {@code evaluate}, {@code commercial}: the ledger's names for them).
 */
public record Skill(String name, String description, String contributor, String licence, Set<String> uses,
        List<SkillItem> items) {

    public Skill {
        uses = Set.copyOf(uses);
        items = List.copyOf(items);
    }
}
