/**
 * The local OpenAI-compatible HTTP API ({@code modelfactory serve}): {@link dev.modelfactory.app.serve.ApiServer}
 * answers {@code GET /v1/models}, {@code POST /v1/chat/completions} and {@code POST /v1/completions} (JSON or
 * server-sent events) on the JDK's {@code com.sun.net.httpserver}, over one base model and its registered LoRA
 * adapters served by the engine's continuous-batching {@code ServeEngine}; a request's {@code model} names
 * the base or an adapter id. Errors are OpenAI error objects; a client that disconnects mid-stream cancels
 * its generation.
 */
package dev.modelfactory.app.serve;
