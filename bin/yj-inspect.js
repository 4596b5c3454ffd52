#!/usr/bin/env node
import '../dist/cli-bundle/bin.js';
