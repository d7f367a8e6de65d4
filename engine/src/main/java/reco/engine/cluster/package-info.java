/**
 * k-means of item vectors on a {@link reco.kernels.ComputeDevice}: k-means++ seeding
 * (Arthur &amp; Vassilvitskii 2007), Lloyd iterations to a tolerance, restarts that keep the lowest
 * inertia; the per-cluster summary that {@code reco clusters} prints, the genres that set each cluster
 * apart, and the principal components that flatten the vectors to a 2-D map ({@link reco.engine.cluster.Pca}).
 */
package reco.engine.cluster;
