echo "verify IT worker job $1"
