#!/bin/sh
# A class to try batch on: assembles eleven submissions in four languages (Node.js, C, Java, Python) from the
# checker's test programs (conformance/src/test/resources: students/, servers/, clients/), each a folder as batch
# takes it (most a server and a client with a helo.toml), and grades it with the default rubric: a folder per
# submission, the gradebook, Gradescope's and PrairieLearn's results per submission, the case matrix, and the
# interoperability matrix (every client against every server and the reference programs).
#
#   sh docs/course/class-demo.sh [OUT]        (after mvn -B package -DskipTests; JOBS=N to change --jobs, default 2)
#
# Writes OUT (default class-demo/): class/ (the submissions), out/ (batch --out: OUT/out/NAME/, OUT/out/interop/),
# gradebook.csv, gradescope/NAME.json, prairielearn/NAME.json, matrix.csv, matrix.html, stdout.txt; batch's exit status
# is the script's (1: a submission does not conform, as some here are meant not to).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-class-demo}
JOBS=${JOBS:-2}
RES=$ROOT/conformance/src/test/resources
CLASS=$OUT/class
rm -rf "$OUT"
mkdir -p "$CLASS"

# student NAME FILE=SOURCE ...: a submission folder holding each SOURCE (under RES) as FILE
student() {
    name=$1
    shift
    mkdir -p "$CLASS/$name"
    for pair in "$@"; do
        cp "$RES/${pair#*=}" "$CLASS/$name/${pair%%=*}"
    done
}
manifest() {
    printf '%s\n' "$2" > "$CLASS/$1/helo.toml"
}

student alice server.js=students/node-server/server.js Client.java=students/java-client/Client.java
manifest alice 'server = "node server.js"
client = "java Client.java"'
student bob server.js=students/node-server-data-events/server.js Client.java=students/java-client-no-read/Client.java
manifest bob 'server = "node server.js"
client = "java Client.java"'
student carol server.js=students/node-server-locale-date/server.js client.py=clients/careful_client.py
manifest carol 'server = "node server.js"
client = "python3 client.py"'
student dave server.c=students/c-server/server.c client.c=clients/helo_client.c
manifest dave 'build = "gcc -O2 -Wall -pthread -o server server.c && gcc -O2 -Wall -o client client.c"
server = "./server"
client = "./client"'
student erin server.c=students/c-server-recv-per-command/server.c client.js=clients/helo_client.js
manifest erin 'build = "gcc -O2 -Wall -pthread -o server server.c"
server = "./server"
client = "node client.js"'
student frank Server.java=students/java-server/Server.java Client.java=students/java-client-localhost/Client.java
manifest frank 'server = "java Server.java"
client = "java Client.java"'
student grace Server.java=students/java-server-readline/Server.java client.py=clients/broken_client.py
manifest grace 'server = "java Server.java"
client = "python3 client.py"'
# Python, by the conventional names: classroom servers and clients; defect.txt names one defect, which both
# helo_server.py and broken_client.py read (ivan's server lower-cases each request line, his client sends lower-case
# commands; heidi's classroom server has no defect file, her client never says BYE)
student heidi server.py=servers/classroom_server.py client.py=clients/broken_client.py
echo no-bye > "$CLASS/heidi/defect.txt"
student ivan server.py=servers/helo_server.py client.py=clients/broken_client.py
echo lower-case > "$CLASS/ivan/defect.txt"
student judy client.py=clients/careful_client.py
# judy's server sends its replies without line ends, as many assignment servers do
sed 's/(reply + "\\r\\n")/reply/; s/later\\r\\n/later/' "$RES/servers/classroom_server.py" > "$CLASS/judy/server.py"
# a client only, in a folder inside the upload, as an archive unpacks
mkdir -p "$CLASS/ken/hw1"
cp "$RES/clients/helo_client.js" "$CLASS/ken/hw1/client.js"

status=0
java -jar "$ROOT/conformance/target/conformance.jar" batch "$CLASS" --out "$OUT/out" --jobs "$JOBS" \
    --gradebook "$OUT/gradebook.csv" --gradescope-dir "$OUT/gradescope" --prairielearn-dir "$OUT/prairielearn" \
    --csv "$OUT/matrix.csv" --html "$OUT/matrix.html" --interop > "$OUT/stdout.txt" || status=$?
cat "$OUT/stdout.txt"
exit "$status"
