package com.example.demo;

// Stand-in for the demo's application class (its repository states no licence): the image only copies it.
public class DemoApplication {
    static String greeting() {
        return "hello, edited";
    }
}
