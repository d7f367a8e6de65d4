package reco.engine.train;

/** How factor matrices start. Biases always start at 0. */
public enum Init {
    /** Normal(0, scale²): the usual choice for biased MF. */
    NORMAL,
    /** Uniform(0, scale): what the PyTorch notebook does ({@code weight.data.uniform_(0, 0.05)}). */
    UNIFORM
}
