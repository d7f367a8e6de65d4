package reco.cli;

import picocli.CommandLine;

/** {@code reco --version}: the build's version and the Java runtime it runs on. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"reco " + (v == null ? "dev" : v), "Java " + Runtime.version()};
    }
}
