// Stand-in for the Maven wrapper's downloader that the demo keeps in .mvn/wrapper: the image only copies .mvn.
class MavenWrapperDownloader {}
