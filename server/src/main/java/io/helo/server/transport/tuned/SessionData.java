package io.helo.server.transport.tuned;

import org.apache.mina.core.session.DefaultIoSessionDataStructureFactory;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionAttributeMap;
import org.apache.mina.core.session.IoSessionDataStructureFactory;
import org.apache.mina.core.write.WriteRequestQueue;

/** A session's attributes in a few pairs ({@link FewAttributes}); its write queue MINA's own. */
final class SessionData implements IoSessionDataStructureFactory {
    private final IoSessionDataStructureFactory mina = new DefaultIoSessionDataStructureFactory();

    @Override
    public IoSessionAttributeMap getAttributeMap(IoSession session) {
        return new FewAttributes();
    }

    @Override
    public WriteRequestQueue getWriteRequestQueue(IoSession session) throws Exception {
        return mina.getWriteRequestQueue(session);
    }
}
