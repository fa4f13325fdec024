package io.github.dockercache.demo;

import com.google.gson.Gson;

/** The JSON the service answers with. */
public record Greeting(String message) {
    private static final Gson GSON = new Gson();

    public static Greeting forName(String name) {
        String who = name == null || name.isBlank() ? "world" : name.trim();
        return new Greeting("Hello, " + who + "!");
    }

    public String toJson() {
        return GSON.toJson(this);
    }
}
