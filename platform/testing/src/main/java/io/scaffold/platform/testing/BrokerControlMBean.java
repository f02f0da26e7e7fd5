package io.scaffold.platform.testing;

/** The operations {@link BrokerControl} exposes over JMX. */
public interface BrokerControlMBean {
    void stop();

    void start() throws Exception;
}
