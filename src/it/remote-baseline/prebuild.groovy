// The IT local repository survives 'mvn verify' without 'clean': drop the published baseline from it, so that
// the second invocation has to fetch it over HTTP again.
def published = new File(localRepositoryPath, 'it/dockercache/remote-baseline')
published.deleteDir()
return true
