package shop.lib;

public record Money(long cents) {}
