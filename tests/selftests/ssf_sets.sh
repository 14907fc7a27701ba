#!/bin/bash
echo placeholder
echo "0 passed, 0 failed, 1 skipped"
exit 4
