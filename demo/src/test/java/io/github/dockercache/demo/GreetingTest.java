package io.github.dockercache.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreetingTest {
    @Test
    void greetsByName() {
        assertEquals("{\"message\":\"Hello, Ada!\"}", Greeting.forName("Ada").toJson());
    }

    @Test
    void greetsTheWorldByDefault() {
        assertEquals("Hello, world!", Greeting.forName(" ").message());
    }
}
