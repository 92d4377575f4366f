-- Since V10 the tag filter reads the tag's own order indexes, and every other use of prompt_tag finds its
-- rows by prompt (the primary key); the index by (tag, prompt_id) serves no query, and every write of a
-- tagged prompt, which now updates its tag rows' sort keys, paid for keeping it.
DROP INDEX prompt_tag_by_tag;
