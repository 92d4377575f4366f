package dev.promptledger.version;

import java.util.function.Consumer;

import org.springframework.stereotype.Service;

/**
 * The operator's compaction of the content store (command {@code compact}): every stored
 * content encoded anew with the store's dictionary (docs/operations.md).
 */
@Service
public class ContentCompaction {

	private final ContentStore contents;

	ContentCompaction(ContentStore contents) {
		this.contents = contents;
	}

	/**
	 * Compacts the whole store, training a dictionary first when there is none or
	 * {@code retrain} asks for a new one; {@code progress} hears after every 500 blobs.
	 */
	public ContentStore.Compaction run(boolean retrain, Consumer<ContentStore.Compaction> progress) {
		return this.contents.compact(retrain, progress);
	}

}
