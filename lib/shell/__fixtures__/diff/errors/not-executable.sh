# Running a file without execute permission: status 126.
printf '#!/bin/sh\necho hi\n' > tool.sh
chmod 644 tool.sh
./tool.sh
echo "status: $?"
chmod 755 tool.sh
./tool.sh
echo "status: $?"
