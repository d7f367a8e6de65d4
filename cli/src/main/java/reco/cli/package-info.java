/**
 * The {@code reco} command line (picocli): parses flags, calls the engine, prints. No arithmetic and
 * no knowledge of how devices work lives here.
 */
package reco.cli;
