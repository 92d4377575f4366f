package dev.promptledger.contract;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.promptledger.support.Api;
import dev.promptledger.support.OnPostgres;
import dev.promptledger.support.SecondNode;

/** The same writers, spread over two server nodes that share one PostgreSQL database. */
@OnPostgres
class ConcurrentWritesPostgresTest extends ConcurrentWritesContract {

	private static SecondNode secondNode;

	@BeforeAll
	static void startSecondNode() {
		secondNode = new SecondNode();
	}

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	@Override
	protected List<Api> nodes() {
		return List.of(this.api, new Api(secondNode.base(), this.adminToken));
	}

}
