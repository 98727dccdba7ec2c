# gpuscout: the two commands a newcomer types are `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: deps build run test test-asan fuzz-build fuzz bench bench-serve bench-replicas soak catalog clean

deps:
	scripts/install-deps

# Optimised, without debug information: -g makes GCC half as slow again on
# the test files, and CI must stay under 30 minutes on 2 cores (the ASan
# build below keeps -g for its stack traces).
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
	  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DGPUSCOUT_WERROR=$${GPUSCOUT_WERROR:-ON} $(CMAKE_FLAGS)

# Leaves the binary at build/gpuscout.
build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# A real recommendation on the embedded catalog: where to LoRA-fine-tune
# Llama 3.1 8B on 200 M tokens within a day, and what it costs.
run: deps build
	./$(BUILD)/gpuscout recommend --model Llama-3.1-8B --task lora --tokens 2e8 --deadline 24

# Every test through CTest, then the unit tests again and every fuzz target
# for a few seconds, in one clang build with ASan + UBSan (test-asan).
test: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-asan

test-asan: fuzz-build
	cd $(FUZZ_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit
	fuzz/run.sh $(FUZZ_BUILD) $${GPUSCOUT_CI_FUZZ_SECONDS:-3}

# clang, every library instrumented for libFuzzer and checked by ASan + UBSan
# (and the standard library's assertions): the fuzz targets, the unit tests
# and the binary.
fuzz-build: deps
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DGPUSCOUT_FUZZ=ON -DGPUSCOUT_BENCH=OFF -DGPUSCOUT_WERROR=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target unit_tests gpuscout fuzz_targets

# Every fuzz target (fuzz/) for FUZZ_SECONDS each; the corpus grows in
# build-fuzz/fuzz/corpus across runs.
fuzz: fuzz-build
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: $(BUILD)/build.ninja
	cmake -S . -B $(BUILD) -DGPUSCOUT_BENCH=ON
	cmake --build $(BUILD) -j $(JOBS)
	./$(BUILD)/bench/catalog_bench
	./$(BUILD)/bench/estimate_bench
	./$(BUILD)/bench/recommend_bench
	./$(BUILD)/bench/scale_bench
	./$(BUILD)/bench/aws_offer_bench 600

# The REST API under wrk on loopback (30 s per endpoint).
bench-serve: build
	bench/serve_wrk.sh $(BUILD)/gpuscout 30

# Two replicas on one PostgreSQL database: wrk reads through both while
# uploads arrive at 200 a second (bench/serve_replicas.py).
bench-replicas: build
	python3 bench/serve_replicas.py $(BUILD)/gpuscout 30 200

# Ten minutes of mixed hostile load on `gpuscout serve` (bench/soak.py):
# per-route latency, 5xx, RSS every 10 s, /healthz latency.
soak: build
	python3 bench/soak.py $(BUILD)/gpuscout --seconds $${SOAK_SECONDS:-600}

# Re-normalise data/sources into data/offers.csv after changing a source file.
catalog: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target build_snapshot
	./$(BUILD)/tools/build_snapshot data
	cmake --build $(BUILD) -j $(JOBS)

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)
