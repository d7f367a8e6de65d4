package reco.cli;

import reco.engine.data.Dataset;
import reco.engine.data.RatingTable;
import reco.engine.model.MfModel;

/** How many ratings each of a model's movies has in a data set (movies the data lacks count 0). */
public final class Popularity {
    /** What recommendation lists show by default: movies with at least this many ratings. */
    public static final int DEFAULT_MIN_RATINGS = 10;

    private Popularity() {
    }

    public static int[] perModelItem(Dataset data, MfModel model) {
        int[] byDataItem = new int[data.items().size()];
        RatingTable t = data.ratings();
        for (long r = 0; r < t.size(); r++) {
            byDataItem[t.item(r)]++;
        }
        int[] out = new int[model.items()];
        for (int i = 0; i < model.items(); i++) {
            int d = data.items().indexOf(model.itemIds().idOf(i));
            out[i] = d < 0 ? 0 : byDataItem[d];
        }
        return out;
    }
}
