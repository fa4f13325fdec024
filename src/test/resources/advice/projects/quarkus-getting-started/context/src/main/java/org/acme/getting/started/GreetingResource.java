package org.acme.getting.started;

public class GreetingResource {
}
