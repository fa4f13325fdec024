echo "working on $1"
