#!/bin/sh
echo work
