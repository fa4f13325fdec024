package com.example.demo;

public class DemoApplication {
    public static void main(String[] args) {
        System.out.println("Hello from Spring Boot");
    }
}
