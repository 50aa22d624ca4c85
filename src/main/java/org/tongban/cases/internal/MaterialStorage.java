package org.tongban.cases.internal;

import java.io.InputStream;

/**
 * Where material files live. The default keeps them on the local disk (one node, or a shared volume); an
 * S3-compatible object store implements the same three operations for several nodes.
 */
public interface MaterialStorage {

    /** Stores the bytes and answers the key to read them back with. */
    String store(byte[] content);

    InputStream open(String key);

    void delete(String key);
}
