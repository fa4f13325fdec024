package io.github.dockercache.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.dockercache.model.StepKeys;
import io.github.dockercache.model.StepPlace;
import io.github.dockercache.model.StepReadSet;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;

/**
 * A step in the flat shape the store's format was defined by (Gson's data binding of the step record before its
 * fields were grouped): with it, Gson binds snapshots as it did, the oracle the store's own reader and writer are
 * compared with.
 */
record FlatStep(
        String id,
        String stage,
        int stageIndex,
        int number,
        int line,
        String instruction,
        String text,
        String key,
        String optimisticKey,
        String parentId,
        String parentKey,
        String unknownReason,
        SortedMap<String, String> inputs,
        SortedMap<String, String> origins,
        List<String> files,
        List<String> sources,
        String fromStage,
        String marker) {

    static FlatStep of(StepSnapshot step) {
        StepPlace place = step.place();
        StepKeys keys = step.keys();
        StepReadSet reads = step.reads();
        return new FlatStep(
                place.id(),
                place.stage(),
                place.stageIndex(),
                place.number(),
                place.line(),
                place.instruction(),
                place.text(),
                keys.key(),
                keys.optimisticKey(),
                keys.parentId(),
                keys.parentKey(),
                keys.unknownReason(),
                reads.inputs(),
                reads.origins(),
                reads.files(),
                reads.sources(),
                reads.fromStage(),
                step.marker());
    }

    StepSnapshot step() {
        return new StepSnapshot(
                new StepPlace(id, stage, stageIndex, number, line, instruction, text),
                new StepKeys(key, optimisticKey, parentId, parentKey, unknownReason),
                new StepReadSet(inputs, origins, files, sources, fromStage),
                marker);
    }

    /** Gson's data binding with every step bound in the flat shape. */
    static GsonBuilder binding() {
        return new GsonBuilder().registerTypeAdapterFactory(new TypeAdapterFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
                if (type.getRawType() != StepSnapshot.class) {
                    return null;
                }
                TypeAdapter<FlatStep> flat = gson.getAdapter(FlatStep.class);
                return (TypeAdapter<T>) new TypeAdapter<StepSnapshot>() {
                    @Override
                    public void write(JsonWriter out, StepSnapshot step) throws IOException {
                        flat.write(out, step == null ? null : of(step));
                    }

                    @Override
                    public StepSnapshot read(JsonReader in) throws IOException {
                        FlatStep read = flat.read(in);
                        return read == null ? null : read.step();
                    }
                };
            }
        });
    }
}
