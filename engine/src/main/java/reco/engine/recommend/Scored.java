package reco.engine.recommend;

/** An item (dense index) and its score: a predicted rating, or a cosine similarity. */
public record Scored(int item, float score) {
}
