package archfixture.stores.version;

import org.springframework.stereotype.Repository;

/** A store that another feature reaches into, for the architecture rules to find. */
@Repository
public class VersionStore {

	public void insert(String version) {
	}

}
