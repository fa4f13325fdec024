package com.example.demo;

// Stand-in for the demo's test (its repository states no licence): the image only copies it.
class DemoApplicationTests {}
