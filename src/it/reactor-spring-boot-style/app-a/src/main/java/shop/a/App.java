package shop.a;

public class App {
    public static void main(String[] args) {
        System.out.println(new shop.lib.Money(100));
    }
}
