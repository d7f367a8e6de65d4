/**
 * {@code reco report}: one self-contained HTML page about a trained model — the data's statistics,
 * training curves, test metrics, clusters with the cluster map, sample recommendations, similar movies
 * and a folded-in new user. Pictures are embedded as data URIs and the CSS is inline, so the file
 * opens anywhere without a network; there is no script.
 */
package reco.cli.report;
