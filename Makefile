# gpuscout: the two commands a newcomer types are `make run` and `make test`.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps build run test test-asan bench bench-serve catalog clean

deps:
	scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGPUSCOUT_WERROR=$${GPUSCOUT_WERROR:-ON} $(CMAKE_FLAGS)

# Leaves the binary at build/gpuscout.
build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# A real recommendation on the embedded catalog: where to LoRA-fine-tune
# Llama 3.1 8B on 200 M tokens within a day, and what it costs.
run: deps build
	./$(BUILD)/gpuscout recommend --model Llama-3.1-8B --task lora --tokens 2e8 --deadline 24

# Every test through CTest, then the unit tests again under ASan + UBSan.
test: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-asan

test-asan:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGPUSCOUT_SANITIZE=ON -DGPUSCOUT_BENCH=OFF -DGPUSCOUT_WERROR=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target unit_tests gpuscout
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	./$(BUILD)/bench/catalog_bench
	./$(BUILD)/bench/estimate_bench
	./$(BUILD)/bench/recommend_bench
	./$(BUILD)/bench/scale_bench

# The REST API under wrk on loopback (30 s per endpoint).
bench-serve: build
	bench/serve_wrk.sh $(BUILD)/gpuscout 30

# Re-normalise data/sources into data/offers.csv after changing a source file.
catalog: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target build_snapshot
	./$(BUILD)/tools/build_snapshot data
	cmake --build $(BUILD) -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
