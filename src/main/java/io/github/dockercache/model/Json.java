package io.github.dockercache.model;

import com.google.gson.Gson;
import java.util.List;

/** Canonical JSON text of a string list, for inputs such as a RUN command's arguments. */
final class Json {
    static final Gson GSON = new Gson();

    private Json() {}

    static String array(List<String> values) {
        return GSON.toJson(values);
    }
}
