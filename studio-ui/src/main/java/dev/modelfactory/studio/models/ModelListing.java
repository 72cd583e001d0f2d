package dev.modelfactory.studio.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scan's result: the searched folders and every model, discovered and imported, one entry per location.
 * Where a discovered file is also registered in place, the imported entry (with its id) wins.
 */
public record ModelListing(List<ModelFolder> folders, List<LocalModel> models) {

    public ModelListing {
        folders = List.copyOf(folders);
        models = List.copyOf(models);
    }

    public static ModelListing of(List<ModelFolder> folders, List<LocalModel> imported, List<LocalModel> discovered) {
        Map<Path, LocalModel> byLocation = new LinkedHashMap<>();
        for (LocalModel model : discovered) {
            byLocation.merge(model.location(), model, (old, now) -> now.imported() ? now : old);
        }
        for (LocalModel model : imported) {
            byLocation.put(model.location(), model);
        }
        return new ModelListing(folders, new ArrayList<>(byLocation.values()));
    }
}
