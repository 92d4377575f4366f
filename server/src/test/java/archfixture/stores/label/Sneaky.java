package archfixture.stores.label;

import archfixture.stores.version.VersionStore;

/** A feature that writes versions behind the ledger's back, through another's store. */
public class Sneaky {

	public void write(VersionStore versions) {
		versions.insert("v2");
	}

}
