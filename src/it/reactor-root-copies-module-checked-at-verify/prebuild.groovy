// the jar an earlier build left: the root's check runs before this build packages other again
def jar = new File(basedir, 'other/target/other-1.0.jar')
jar.parentFile.mkdirs()
jar.text = 'the previous build'
true
