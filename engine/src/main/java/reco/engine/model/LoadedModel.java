package reco.engine.model;

/**
 * A model read back from a folder with its manifest. Closing it closes the model.
 */
public record LoadedModel(MfModel model, Manifest manifest) implements AutoCloseable {

    @Override
    public void close() {
        model.close();
    }
}
