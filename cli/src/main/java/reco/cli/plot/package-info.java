/**
 * Pictures of a model and its data, drawn with XChart and Java2D into PNG files: training curves,
 * the cluster map (item vectors by PCA, coloured by k-means cluster, top titles labelled without
 * overlaps) and the rating histogram. Nothing here trains or scores; it draws what it is given.
 */
package reco.cli.plot;
