/**
 * k-means of item vectors on a {@link reco.kernels.ComputeDevice}: k-means++ seeding
 * (Arthur &amp; Vassilvitskii 2007), Lloyd iterations to a tolerance, restarts that keep the lowest
 * inertia; and the per-cluster summary that {@code reco clusters} prints.
 */
package reco.engine.cluster;
