package org.acme;

public class GreetingResource {
    public String hello() {
        return "Hello from Quarkus REST";
    }
}
