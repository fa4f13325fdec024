// the jar an earlier build left: the root's check runs before this build packages app again
def jar = new File(basedir, 'app/target/app-1.0.jar')
jar.parentFile.mkdirs()
jar.text = 'the previous build'
true
