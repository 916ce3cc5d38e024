;; The trainer's hot loops in WebAssembly SIMD (f64x2), for src/lib/trainer/linearWasm.ts:
;;  - the three kernels of nn.Linear (linear.ts): the forward pass out = x·Wᵀ + b, the weight gradient
;;    ∂W += δᵀ·x with ∂b += Σδ, and the input gradient ∂x = δ·W — most of an epoch's time;
;;  - the element-wise steps around them: ReLU and its backward step, one SGD or Adam/AdamW step
;;    (optimizerState.ts), the batch gather, the finiteness scan — at ~1 ns per element in JavaScript
;;    they were a fifth of what remained once the products were fast.
;; The buffers live in this module's memory (linearWasm.ts opens the network, its workspace and the
;; data there for one call), so nothing is copied per call. Assembled by `npm run wasm`
;; (scripts/build-vq-wasm.mjs) into linearKernelWasm.ts; a unit test checks that the two agree.
;;
;; Why the results are bit-identical to the JavaScript: every output element is the same chain of
;; float64 operations, in the same order, as in linear.ts — a lane of an f64x2 holds one output element
;; (two outputs, or two inputs j and j+1, side by side), never half of one sum; WebAssembly SIMD has no
;; fused multiply-add, so each product and each sum is rounded exactly as JavaScript rounds it; √ and ÷
;; are correctly rounded in both. The odd element of a row goes through the same chain in scalar f64.
;; Where linear.ts skips a block whose δ are all zero, this code tests exactly the same block, so a
;; non-finite input is propagated (or not) identically too (tests/unit/trainer.kernel.test.ts).
;;
;;  forward:        out[i,o] = (((0 + w[o,0]·x[i,0]) + w[o,1]·x[i,1]) + …) + b[o]
;;  weightGradient: db[o] += (((0 + δ[0,o]) + δ[1,o]) + …);
;;                  for each block of four samples i…i+3 (then each left-over sample alone):
;;                  dW[o,j] += ((δ[i,o]·x[i,j] + δ[i+1,o]·x[i+1,j]) + δ[i+2,o]·x[i+2,j]) + δ[i+3,o]·x[i+3,j]
;;                  (a block is skipped when its δ for both outputs o, o+1 of the pair are all 0)
;;  inputGradient:  dx = 0; for each block of four outputs o…o+3 (then each left-over output alone):
;;                  dx[i,j] += ((δ[i,o]·w[o,j] + δ[i,o+1]·w[o+1,j]) + δ[i,o+2]·w[o+2,j]) + δ[i,o+3]·w[o+3,j]
;;                  (a block is skipped when its δ for both samples i, i+1 of the pair are all 0)
;;
;; Register blocking (why it is fast): the forward pass computes four samples × four outputs per
;; sweep over j, in eight f64x2 accumulators (lanes = outputs o, o+1 and o+2, o+3), reading w from a
;; copy interleaved by four outputs; the two gradients keep their JavaScript blocks (2 outputs ×
;; 4 samples, 2 samples × 4 outputs) with lanes over j, since those blocks fix their order of summation.
;; About ten billion float64 multiply-adds per second each on the bench machine, ~4× the JavaScript.
;;
;; All pointers are byte offsets into memory; every buffer is float64 (int32 for the batch order),
;; row-major, any alignment.
(module
  (memory (export "memory") 1)

  ;; 1 when all four values are ±0 (a block of δ that adds nothing: linear.ts skips it).
  (func $zero4 (param $a f64) (param $b f64) (param $c f64) (param $d f64) (result i32)
    (i32.and (i32.and (f64.eq (local.get $a) (f64.const 0)) (f64.eq (local.get $b) (f64.const 0)))
             (i32.and (f64.eq (local.get $c) (f64.const 0)) (f64.eq (local.get $d) (f64.const 0)))))

  ;; out[i, o…o+3] = acc + bias, for the outputs that exist (vo = nout − o of them, or more).
  (func $storeQuad (param $at i32) (param $vo i32) (param $p v128) (param $q v128) (param $bp v128) (param $bq v128)
    (local.set $p (f64x2.add (local.get $p) (local.get $bp)))
    (if (i32.ge_u (local.get $vo) (i32.const 2))
      (then (v128.store (local.get $at) (local.get $p)))
      (else (v128.store64_lane 0 (local.get $at) (local.get $p))))
    (local.set $q (f64x2.add (local.get $q) (local.get $bq)))
    (if (i32.ge_u (local.get $vo) (i32.const 4))
      (then (v128.store offset=16 (local.get $at) (local.get $q)))
      (else (if (i32.eq (local.get $vo) (i32.const 3))
        (then (v128.store64_lane offset=16 0 (local.get $at) (local.get $q)))))))

  ;; out (rows × nout) = x (rows × nin) · wᵀ + b; `pack` is scratch for ⌈nout/4⌉·4·nin float64.
  ;; First w is copied into blocks of four outputs interleaved by input, [nout/4][nin][4] (as the VQ
  ;; kernel's codebook), so that each step over j reads w(o…o+3, j) as two contiguous pairs. Then
  ;; blocks of four outputs × four samples, eight f64x2 accumulators. Past the last output or sample
  ;; the last one is read again (its result is not stored), so every shape runs the one blocked loop.
  (func (export "forward")
    (param $x i32) (param $rows i32) (param $nin i32) (param $w i32) (param $b i32) (param $nout i32) (param $out i32)
    (param $pack i32)
    (local $stride i32) (local $j i32) (local $o i32) (local $i i32) (local $vo i32) (local $vs i32) (local $p i32)
    (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $lastW i32) (local $lastX i32) (local $lastB i32) (local $row i32) (local $block i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    ;; accumulators: sample s × output pair (p: o, o+1; q: o+2, o+3)
    (local $s0p v128) (local $s0q v128) (local $s1p v128) (local $s1q v128)
    (local $s2p v128) (local $s2q v128) (local $s3p v128) (local $s3q v128)
    ;; P = w(o, o+1 at j), Q = w(o+2, o+3 at j); v: one x value in both lanes; bp, bq: the biases
    (local $P v128) (local $Q v128) (local $v v128) (local $bp v128) (local $bq v128)
    ;; no sample or no output: nothing to write (the blocked loops below run at least once)
    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $nout))) (then (return)))
    (local.set $stride (i32.shl (local.get $nin) (i32.const 3)))
    (local.set $lastW
      (i32.add (local.get $w) (i32.mul (i32.sub (local.get $nout) (i32.const 1)) (local.get $stride))))
    (local.set $lastB (i32.add (local.get $b) (i32.shl (i32.sub (local.get $nout) (i32.const 1)) (i32.const 3))))
    (local.set $lastX
      (i32.add (local.get $x) (i32.mul (i32.sub (local.get $rows) (i32.const 1)) (local.get $stride))))
    ;; block = bytes of one packed block of four outputs
    (local.set $block (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $o (i32.const 0))
    (local.set $p (local.get $pack))
    (loop $eachOutputBlock
      (local.set $vo (i32.sub (local.get $nout) (local.get $o)))
      (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $o) (local.get $stride))))
      (local.set $w1
        (select (i32.add (local.get $w0) (local.get $stride))
          (local.get $lastW)
          (i32.ge_u (local.get $vo) (i32.const 2))))
      (local.set $w2
        (select (i32.add (local.get $w1) (local.get $stride))
          (local.get $lastW)
          (i32.ge_u (local.get $vo) (i32.const 3))))
      (local.set $w3
        (select (i32.add (local.get $w2) (local.get $stride))
          (local.get $lastW)
          (i32.ge_u (local.get $vo) (i32.const 4))))
      (local.set $j (i32.const 0))
      (if (local.get $nin)
        (then
          (loop $packEachInput
            (f64.store (local.get $p) (f64.load (i32.add (local.get $w0) (local.get $j))))
            (f64.store offset=8 (local.get $p) (f64.load (i32.add (local.get $w1) (local.get $j))))
            (f64.store offset=16 (local.get $p) (f64.load (i32.add (local.get $w2) (local.get $j))))
            (f64.store offset=24 (local.get $p) (f64.load (i32.add (local.get $w3) (local.get $j))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br_if $packEachInput (i32.lt_u (local.get $j) (local.get $stride))))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br_if $eachOutputBlock (i32.lt_u (local.get $o) (local.get $nout))))
    (local.set $o (i32.const 0))
    (loop $eachOutputBlock
      (local.set $vo (i32.sub (local.get $nout) (local.get $o)))
      ;; the biases of the block as pairs (torch's addmm adds them after the dot product)
      (local.set $b0 (i32.add (local.get $b) (i32.shl (local.get $o) (i32.const 3))))
      (local.set $b1
        (select (i32.add (local.get $b0) (i32.const 8)) (local.get $lastB) (i32.ge_u (local.get $vo) (i32.const 2))))
      (local.set $b2
        (select (i32.add (local.get $b1) (i32.const 8)) (local.get $lastB) (i32.ge_u (local.get $vo) (i32.const 3))))
      (local.set $b3
        (select (i32.add (local.get $b2) (i32.const 8)) (local.get $lastB) (i32.ge_u (local.get $vo) (i32.const 4))))
      (local.set $bp (v128.load64_lane 1 (local.get $b1) (v128.load64_splat (local.get $b0))))
      (local.set $bq (v128.load64_lane 1 (local.get $b3) (v128.load64_splat (local.get $b2))))
      (local.set $i (i32.const 0))
      (loop $eachSampleBlock
        (local.set $vs (i32.sub (local.get $rows) (local.get $i)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $x1
          (select (i32.add (local.get $x0) (local.get $stride))
            (local.get $lastX)
            (i32.ge_u (local.get $vs) (i32.const 2))))
        (local.set $x2
          (select (i32.add (local.get $x1) (local.get $stride))
            (local.get $lastX)
            (i32.ge_u (local.get $vs) (i32.const 3))))
        (local.set $x3
          (select (i32.add (local.get $x2) (local.get $stride))
            (local.get $lastX)
            (i32.ge_u (local.get $vs) (i32.const 4))))
        (local.set $s0p (v128.const i64x2 0 0)) (local.set $s0q (v128.const i64x2 0 0))
        (local.set $s1p (v128.const i64x2 0 0)) (local.set $s1q (v128.const i64x2 0 0))
        (local.set $s2p (v128.const i64x2 0 0)) (local.set $s2q (v128.const i64x2 0 0))
        (local.set $s3p (v128.const i64x2 0 0)) (local.set $s3q (v128.const i64x2 0 0))
        (local.set $p
          (i32.add (local.get $pack) (i32.mul (i32.shr_u (local.get $o) (i32.const 2)) (local.get $block))))
        (local.set $j (i32.const 0))
        (if (local.get $nin)
          (then
            ;; one input j per step: every accumulator lane adds its product at j, in order
            (loop $eachInput
              (local.set $P (v128.load (local.get $p)))
              (local.set $Q (v128.load offset=16 (local.get $p)))
              (local.set $v (v128.load64_splat (i32.add (local.get $x0) (local.get $j))))
              (local.set $s0p (f64x2.add (local.get $s0p) (f64x2.mul (local.get $P) (local.get $v))))
              (local.set $s0q (f64x2.add (local.get $s0q) (f64x2.mul (local.get $Q) (local.get $v))))
              (local.set $v (v128.load64_splat (i32.add (local.get $x1) (local.get $j))))
              (local.set $s1p (f64x2.add (local.get $s1p) (f64x2.mul (local.get $P) (local.get $v))))
              (local.set $s1q (f64x2.add (local.get $s1q) (f64x2.mul (local.get $Q) (local.get $v))))
              (local.set $v (v128.load64_splat (i32.add (local.get $x2) (local.get $j))))
              (local.set $s2p (f64x2.add (local.get $s2p) (f64x2.mul (local.get $P) (local.get $v))))
              (local.set $s2q (f64x2.add (local.get $s2q) (f64x2.mul (local.get $Q) (local.get $v))))
              (local.set $v (v128.load64_splat (i32.add (local.get $x3) (local.get $j))))
              (local.set $s3p (f64x2.add (local.get $s3p) (f64x2.mul (local.get $P) (local.get $v))))
              (local.set $s3q (f64x2.add (local.get $s3q) (f64x2.mul (local.get $Q) (local.get $v))))
              (local.set $p (i32.add (local.get $p) (i32.const 32)))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br_if $eachInput (i32.lt_u (local.get $j) (local.get $stride))))))
        ;; store the samples that exist: out row i+s, columns o…o+3
        (local.set $row
          (i32.add (local.get $out)
            (i32.shl (i32.add (i32.mul (local.get $i) (local.get $nout)) (local.get $o)) (i32.const 3))))
        (call $storeQuad (local.get $row)
          (local.get $vo)
          (local.get $s0p)
          (local.get $s0q)
          (local.get $bp)
          (local.get $bq))
        (if (i32.ge_u (local.get $vs) (i32.const 2))
          (then (call $storeQuad (i32.add (local.get $row) (i32.shl (local.get $nout) (i32.const 3))) (local.get $vo)
            (local.get $s1p) (local.get $s1q) (local.get $bp) (local.get $bq))))
        (if (i32.ge_u (local.get $vs) (i32.const 3))
          (then (call $storeQuad (i32.add (local.get $row) (i32.shl (local.get $nout) (i32.const 4))) (local.get $vo)
            (local.get $s2p) (local.get $s2q) (local.get $bp) (local.get $bq))))
        (if (i32.ge_u (local.get $vs) (i32.const 4))
          (then (call $storeQuad (i32.add (local.get $row) (i32.mul (local.get $nout) (i32.const 24))) (local.get $vo)
            (local.get $s3p) (local.get $s3q) (local.get $bp) (local.get $bq))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br_if $eachSampleBlock (i32.lt_u (local.get $i) (local.get $rows))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br_if $eachOutputBlock (i32.lt_u (local.get $o) (local.get $nout)))))

  ;; dW (nout × nin) += δᵀ (nout × rows) · x (rows × nin); db += Σ_rows δ. Lanes: inputs j, j+1.
  (func (export "weightGradient")
    (param $d i32) (param $x i32) (param $rows i32) (param $nin i32) (param $nout i32) (param $dW i32) (param $dB i32)
    (local $xs i32) (local $ds i32) (local $jend i32) (local $j i32) (local $o i32) (local $i i32) (local $dp i32)
    (local $wa i32) (local $wb i32) (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $s f64)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64) (local $c0 f64) (local $c1 f64) (local $c2 f64) (local $c3 f64)
    (local $e0 f64) (local $e1 f64) (local $e2 f64) (local $e3 f64)
    (local $A0 v128) (local $A1 v128) (local $A2 v128) (local $A3 v128) (local $C0 v128) (local $C1 v128) (local $C2 v128) (local $C3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $xs (i32.shl (local.get $nin) (i32.const 3)))
    (local.set $ds (i32.shl (local.get $nout) (i32.const 3)))
    (local.set $jend (i32.shl (i32.and (local.get $nin) (i32.const -2)) (i32.const 3)))
    ;; db[o] += Σ_i δ[i,o], summed from 0 in sample order
    (local.set $o (i32.const 0))
    (block $biasesDone
      (loop $eachBias
        (br_if $biasesDone (i32.ge_u (local.get $o) (local.get $nout)))
        (local.set $s (f64.const 0))
        (local.set $dp (i32.add (local.get $d) (i32.shl (local.get $o) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $sumDone
          (loop $eachSample
            (br_if $sumDone (i32.ge_u (local.get $i) (local.get $rows)))
            (local.set $s (f64.add (local.get $s) (f64.load (local.get $dp))))
            (local.set $dp (i32.add (local.get $dp) (local.get $ds)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachSample)))
        (local.set $dp (i32.add (local.get $dB) (i32.shl (local.get $o) (i32.const 3))))
        (f64.store (local.get $dp) (f64.add (f64.load (local.get $dp)) (local.get $s)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $eachBias)))
    ;; pairs of outputs o, o+1: blocks of four samples, then the samples left over one by one
    (local.set $o (i32.const 0))
    (block $pairsDone
      (loop $eachOutputPair
        (br_if $pairsDone (i32.ge_u (i32.add (local.get $o) (i32.const 1)) (local.get $nout)))
        (local.set $wa (i32.add (local.get $dW) (i32.mul (local.get $o) (local.get $xs))))
        (local.set $wb (i32.add (local.get $wa) (local.get $xs)))
        (local.set $dp (i32.add (local.get $d) (i32.shl (local.get $o) (i32.const 3))))
        (local.set $x0 (local.get $x))
        (local.set $i (i32.const 0))
        (block $blocksDone
          (loop $eachSampleBlock
            (br_if $blocksDone (i32.ge_u (i32.add (local.get $i) (i32.const 3)) (local.get $rows)))
            (local.set $a0 (f64.load (local.get $dp)))
            (local.set $c0 (f64.load offset=8 (local.get $dp)))
            (local.set $a1 (f64.load (i32.add (local.get $dp) (local.get $ds))))
            (local.set $c1 (f64.load offset=8 (i32.add (local.get $dp) (local.get $ds))))
            (local.set $a2 (f64.load (i32.add (local.get $dp) (i32.shl (local.get $ds) (i32.const 1)))))
            (local.set $c2 (f64.load offset=8 (i32.add (local.get $dp) (i32.shl (local.get $ds) (i32.const 1)))))
            (local.set $a3 (f64.load (i32.add (local.get $dp) (i32.mul (local.get $ds) (i32.const 3)))))
            (local.set $c3 (f64.load offset=8 (i32.add (local.get $dp) (i32.mul (local.get $ds) (i32.const 3)))))
            ;; dead ReLUs and dropped units send exact zeros: the same block as linear.ts is skipped
            (if (i32.eqz (i32.and (call $zero4 (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3))
                                 (call $zero4 (local.get $c0) (local.get $c1) (local.get $c2) (local.get $c3))))
              (then
                (local.set $x1 (i32.add (local.get $x0) (local.get $xs)))
                (local.set $x2 (i32.add (local.get $x1) (local.get $xs)))
                (local.set $x3 (i32.add (local.get $x2) (local.get $xs)))
                (local.set $A0 (f64x2.splat (local.get $a0))) (local.set $A1 (f64x2.splat (local.get $a1)))
                (local.set $A2 (f64x2.splat (local.get $a2))) (local.set $A3 (f64x2.splat (local.get $a3)))
                (local.set $C0 (f64x2.splat (local.get $c0))) (local.set $C1 (f64x2.splat (local.get $c1)))
                (local.set $C2 (f64x2.splat (local.get $c2))) (local.set $C3 (f64x2.splat (local.get $c3)))
                (local.set $j (i32.const 0))
                (if (i32.lt_u (local.get $j) (local.get $jend))
                  (then
                    (loop $eachInputPair
                      (local.set $v0 (v128.load (i32.add (local.get $x0) (local.get $j))))
                      (local.set $v1 (v128.load (i32.add (local.get $x1) (local.get $j))))
                      (local.set $v2 (v128.load (i32.add (local.get $x2) (local.get $j))))
                      (local.set $v3 (v128.load (i32.add (local.get $x3) (local.get $j))))
                      (v128.store (i32.add (local.get $wa) (local.get $j))
                        (f64x2.add (v128.load (i32.add (local.get $wa) (local.get $j)))
                          (f64x2.add
                            (f64x2.add
                              (f64x2.add (f64x2.mul (local.get $A0) (local.get $v0))
                                (f64x2.mul (local.get $A1) (local.get $v1)))
                              (f64x2.mul (local.get $A2) (local.get $v2)))
                            (f64x2.mul (local.get $A3) (local.get $v3)))))
                      (v128.store (i32.add (local.get $wb) (local.get $j))
                        (f64x2.add (v128.load (i32.add (local.get $wb) (local.get $j)))
                          (f64x2.add
                            (f64x2.add
                              (f64x2.add (f64x2.mul (local.get $C0) (local.get $v0))
                                (f64x2.mul (local.get $C1) (local.get $v1)))
                              (f64x2.mul (local.get $C2) (local.get $v2)))
                            (f64x2.mul (local.get $C3) (local.get $v3)))))
                      (local.set $j (i32.add (local.get $j) (i32.const 16)))
                      (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                ;; an odd last input j: the same chain in scalar f64
                (if (i32.and (local.get $nin) (i32.const 1))
                  (then
                    (local.set $e0 (f64.load (i32.add (local.get $x0) (local.get $j))))
                    (local.set $e1 (f64.load (i32.add (local.get $x1) (local.get $j))))
                    (local.set $e2 (f64.load (i32.add (local.get $x2) (local.get $j))))
                    (local.set $e3 (f64.load (i32.add (local.get $x3) (local.get $j))))
                    (f64.store (i32.add (local.get $wa) (local.get $j))
                      (f64.add (f64.load (i32.add (local.get $wa) (local.get $j)))
                        (f64.add
                          (f64.add
                            (f64.add (f64.mul (local.get $a0) (local.get $e0))
                              (f64.mul (local.get $a1) (local.get $e1)))
                            (f64.mul (local.get $a2) (local.get $e2)))
                          (f64.mul (local.get $a3) (local.get $e3)))))
                    (f64.store (i32.add (local.get $wb) (local.get $j))
                      (f64.add (f64.load (i32.add (local.get $wb) (local.get $j)))
                        (f64.add
                          (f64.add
                            (f64.add (f64.mul (local.get $c0) (local.get $e0))
                              (f64.mul (local.get $c1) (local.get $e1)))
                            (f64.mul (local.get $c2) (local.get $e2)))
                          (f64.mul (local.get $c3) (local.get $e3)))))))))
            (local.set $dp (i32.add (local.get $dp) (i32.shl (local.get $ds) (i32.const 2))))
            (local.set $x0 (i32.add (local.get $x0) (i32.shl (local.get $xs) (i32.const 2))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $eachSampleBlock)))
        (block $tailDone
          (loop $eachTailSample
            (br_if $tailDone (i32.ge_u (local.get $i) (local.get $rows)))
            (local.set $a0 (f64.load (local.get $dp)))
            (local.set $c0 (f64.load offset=8 (local.get $dp)))
            (if (i32.eqz (i32.and (f64.eq (local.get $a0) (f64.const 0)) (f64.eq (local.get $c0) (f64.const 0))))
              (then
                (local.set $A0 (f64x2.splat (local.get $a0)))
                (local.set $C0 (f64x2.splat (local.get $c0)))
                (local.set $j (i32.const 0))
                (if (i32.lt_u (local.get $j) (local.get $jend))
                  (then
                    (loop $eachInputPair
                      (local.set $v0 (v128.load (i32.add (local.get $x0) (local.get $j))))
                      (v128.store (i32.add (local.get $wa) (local.get $j))
                        (f64x2.add (v128.load (i32.add (local.get $wa) (local.get $j)))
                          (f64x2.mul (local.get $A0) (local.get $v0))))
                      (v128.store (i32.add (local.get $wb) (local.get $j))
                        (f64x2.add (v128.load (i32.add (local.get $wb) (local.get $j)))
                          (f64x2.mul (local.get $C0) (local.get $v0))))
                      (local.set $j (i32.add (local.get $j) (i32.const 16)))
                      (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                ;; an odd last input j: the same chain in scalar f64
                (if (i32.and (local.get $nin) (i32.const 1))
                  (then
                    (local.set $e0 (f64.load (i32.add (local.get $x0) (local.get $j))))
                    (f64.store (i32.add (local.get $wa) (local.get $j))
                      (f64.add (f64.load (i32.add (local.get $wa) (local.get $j)))
                        (f64.mul (local.get $a0) (local.get $e0))))
                    (f64.store (i32.add (local.get $wb) (local.get $j))
                      (f64.add (f64.load (i32.add (local.get $wb) (local.get $j)))
                        (f64.mul (local.get $c0) (local.get $e0))))))))
            (local.set $dp (i32.add (local.get $dp) (local.get $ds)))
            (local.set $x0 (i32.add (local.get $x0) (local.get $xs)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachTailSample)))
        (local.set $o (i32.add (local.get $o) (i32.const 2)))
        (br $eachOutputPair)))
    ;; an odd last output, sample by sample
    (if (i32.lt_u (local.get $o) (local.get $nout))
      (then
        (local.set $wa (i32.add (local.get $dW) (i32.mul (local.get $o) (local.get $xs))))
        (local.set $dp (i32.add (local.get $d) (i32.shl (local.get $o) (i32.const 3))))
        (local.set $x0 (local.get $x))
        (local.set $i (i32.const 0))
        (block $lastDone
          (loop $eachLastSample
            (br_if $lastDone (i32.ge_u (local.get $i) (local.get $rows)))
            (local.set $a0 (f64.load (local.get $dp)))
            (if (i32.eqz (f64.eq (local.get $a0) (f64.const 0)))
              (then
                (local.set $A0 (f64x2.splat (local.get $a0)))
                (local.set $j (i32.const 0))
                (if (i32.lt_u (local.get $j) (local.get $jend))
                  (then
                    (loop $eachInputPair
                      (local.set $v0 (v128.load (i32.add (local.get $x0) (local.get $j))))
                      (v128.store (i32.add (local.get $wa) (local.get $j))
                        (f64x2.add (v128.load (i32.add (local.get $wa) (local.get $j)))
                          (f64x2.mul (local.get $A0) (local.get $v0))))
                      (local.set $j (i32.add (local.get $j) (i32.const 16)))
                      (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                ;; an odd last input j: the same chain in scalar f64
                (if (i32.and (local.get $nin) (i32.const 1))
                  (then
                    (local.set $e0 (f64.load (i32.add (local.get $x0) (local.get $j))))
                    (f64.store (i32.add (local.get $wa) (local.get $j))
                      (f64.add (f64.load (i32.add (local.get $wa) (local.get $j)))
                        (f64.mul (local.get $a0) (local.get $e0))))))))
            (local.set $dp (i32.add (local.get $dp) (local.get $ds)))
            (local.set $x0 (i32.add (local.get $x0) (local.get $xs)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachLastSample))))))

  ;; dx (rows × nin) = δ (rows × nout) · w (nout × nin). Lanes: inputs j, j+1.
  ;; Pairs of samples i, i+1 (an odd last sample alone): blocks of four outputs, then the outputs
  ;; left over one by one.
  (func (export "inputGradient")
    (param $d i32) (param $w i32) (param $rows i32) (param $nin i32) (param $nout i32) (param $dx i32)
    (local $xs i32) (local $ds i32) (local $jend i32) (local $j i32) (local $o i32) (local $i i32) (local $pair i32)
    (local $ya i32) (local $yb i32) (local $xa i32) (local $xb i32) (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64) (local $c0 f64) (local $c1 f64) (local $c2 f64) (local $c3 f64)
    (local $e0 f64) (local $e1 f64) (local $e2 f64) (local $e3 f64)
    (local $A0 v128) (local $A1 v128) (local $A2 v128) (local $A3 v128) (local $C0 v128) (local $C1 v128) (local $C2 v128) (local $C3 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local.set $xs (i32.shl (local.get $nin) (i32.const 3)))
    (local.set $ds (i32.shl (local.get $nout) (i32.const 3)))
    (local.set $jend (i32.shl (i32.and (local.get $nin) (i32.const -2)) (i32.const 3)))
    (memory.fill (local.get $dx) (i32.const 0) (i32.mul (local.get $rows) (local.get $xs)))
    (local.set $i (i32.const 0))
    (block $samplesDone
      (loop $eachSamplePair
        (br_if $samplesDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $pair (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $rows)))
        (local.set $ya (i32.add (local.get $d) (i32.mul (local.get $i) (local.get $ds))))
        ;; an odd last sample reads its own δ twice and writes only its own row
        (local.set $yb (select (i32.add (local.get $ya) (local.get $ds)) (local.get $ya) (local.get $pair)))
        (local.set $xa (i32.add (local.get $dx) (i32.mul (local.get $i) (local.get $xs))))
        (local.set $xb (i32.add (local.get $xa) (local.get $xs)))
        (local.set $w0 (local.get $w))
        (local.set $o (i32.const 0))
        (block $blocksDone
          (loop $eachOutputBlock
            (br_if $blocksDone (i32.ge_u (i32.add (local.get $o) (i32.const 3)) (local.get $nout)))
            (local.set $a0 (f64.load (i32.add (local.get $ya) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $a1 (f64.load offset=8 (i32.add (local.get $ya) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $a2 (f64.load offset=16 (i32.add (local.get $ya) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $a3 (f64.load offset=24 (i32.add (local.get $ya) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $c0 (f64.load (i32.add (local.get $yb) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $c1 (f64.load offset=8 (i32.add (local.get $yb) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $c2 (f64.load offset=16 (i32.add (local.get $yb) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $c3 (f64.load offset=24 (i32.add (local.get $yb) (i32.shl (local.get $o) (i32.const 3)))))
            ;; the same all-zero block as linear.ts is skipped
            (if (i32.eqz (i32.and (call $zero4 (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3))
                                 (call $zero4 (local.get $c0) (local.get $c1) (local.get $c2) (local.get $c3))))
              (then
                (local.set $w1 (i32.add (local.get $w0) (local.get $xs)))
                (local.set $w2 (i32.add (local.get $w1) (local.get $xs)))
                (local.set $w3 (i32.add (local.get $w2) (local.get $xs)))
                (local.set $A0 (f64x2.splat (local.get $a0))) (local.set $A1 (f64x2.splat (local.get $a1)))
                (local.set $A2 (f64x2.splat (local.get $a2))) (local.set $A3 (f64x2.splat (local.get $a3)))
                (if (local.get $pair)
                  (then
                    (local.set $C0 (f64x2.splat (local.get $c0))) (local.set $C1 (f64x2.splat (local.get $c1)))
                    (local.set $C2 (f64x2.splat (local.get $c2))) (local.set $C3 (f64x2.splat (local.get $c3)))
                    (local.set $j (i32.const 0))
                    (if (i32.lt_u (local.get $j) (local.get $jend))
                      (then
                        (loop $eachInputPair
                          (local.set $p0 (v128.load (i32.add (local.get $w0) (local.get $j))))
                          (local.set $p1 (v128.load (i32.add (local.get $w1) (local.get $j))))
                          (local.set $p2 (v128.load (i32.add (local.get $w2) (local.get $j))))
                          (local.set $p3 (v128.load (i32.add (local.get $w3) (local.get $j))))
                          (v128.store (i32.add (local.get $xa) (local.get $j))
                            (f64x2.add (v128.load (i32.add (local.get $xa) (local.get $j)))
                              (f64x2.add
                                (f64x2.add
                                  (f64x2.add (f64x2.mul (local.get $A0) (local.get $p0))
                                    (f64x2.mul (local.get $A1) (local.get $p1)))
                                  (f64x2.mul (local.get $A2) (local.get $p2)))
                                (f64x2.mul (local.get $A3) (local.get $p3)))))
                          (v128.store (i32.add (local.get $xb) (local.get $j))
                            (f64x2.add (v128.load (i32.add (local.get $xb) (local.get $j)))
                              (f64x2.add
                                (f64x2.add
                                  (f64x2.add (f64x2.mul (local.get $C0) (local.get $p0))
                                    (f64x2.mul (local.get $C1) (local.get $p1)))
                                  (f64x2.mul (local.get $C2) (local.get $p2)))
                                (f64x2.mul (local.get $C3) (local.get $p3)))))
                          (local.set $j (i32.add (local.get $j) (i32.const 16)))
                          (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                    ;; an odd last input j: the same chain in scalar f64
                    (if (i32.and (local.get $nin) (i32.const 1))
                      (then
                        (local.set $e0 (f64.load (i32.add (local.get $w0) (local.get $j))))
                        (local.set $e1 (f64.load (i32.add (local.get $w1) (local.get $j))))
                        (local.set $e2 (f64.load (i32.add (local.get $w2) (local.get $j))))
                        (local.set $e3 (f64.load (i32.add (local.get $w3) (local.get $j))))
                        (f64.store (i32.add (local.get $xa) (local.get $j))
                          (f64.add (f64.load (i32.add (local.get $xa) (local.get $j)))
                            (f64.add
                              (f64.add
                                (f64.add (f64.mul (local.get $a0) (local.get $e0))
                                  (f64.mul (local.get $a1) (local.get $e1)))
                                (f64.mul (local.get $a2) (local.get $e2)))
                              (f64.mul (local.get $a3) (local.get $e3)))))
                        (f64.store (i32.add (local.get $xb) (local.get $j))
                          (f64.add (f64.load (i32.add (local.get $xb) (local.get $j)))
                            (f64.add
                              (f64.add
                                (f64.add (f64.mul (local.get $c0) (local.get $e0))
                                  (f64.mul (local.get $c1) (local.get $e1)))
                                (f64.mul (local.get $c2) (local.get $e2)))
                              (f64.mul (local.get $c3) (local.get $e3))))))))
                  (else
                    (local.set $j (i32.const 0))
                    (if (i32.lt_u (local.get $j) (local.get $jend))
                      (then
                        (loop $eachInputPair
                          (local.set $p0 (v128.load (i32.add (local.get $w0) (local.get $j))))
                          (local.set $p1 (v128.load (i32.add (local.get $w1) (local.get $j))))
                          (local.set $p2 (v128.load (i32.add (local.get $w2) (local.get $j))))
                          (local.set $p3 (v128.load (i32.add (local.get $w3) (local.get $j))))
                          (v128.store (i32.add (local.get $xa) (local.get $j))
                            (f64x2.add (v128.load (i32.add (local.get $xa) (local.get $j)))
                              (f64x2.add
                                (f64x2.add
                                  (f64x2.add (f64x2.mul (local.get $A0) (local.get $p0))
                                    (f64x2.mul (local.get $A1) (local.get $p1)))
                                  (f64x2.mul (local.get $A2) (local.get $p2)))
                                (f64x2.mul (local.get $A3) (local.get $p3)))))
                          (local.set $j (i32.add (local.get $j) (i32.const 16)))
                          (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                    ;; an odd last input j: the same chain in scalar f64
                    (if (i32.and (local.get $nin) (i32.const 1))
                      (then
                        (local.set $e0 (f64.load (i32.add (local.get $w0) (local.get $j))))
                        (local.set $e1 (f64.load (i32.add (local.get $w1) (local.get $j))))
                        (local.set $e2 (f64.load (i32.add (local.get $w2) (local.get $j))))
                        (local.set $e3 (f64.load (i32.add (local.get $w3) (local.get $j))))
                        (f64.store (i32.add (local.get $xa) (local.get $j))
                          (f64.add (f64.load (i32.add (local.get $xa) (local.get $j)))
                            (f64.add
                              (f64.add
                                (f64.add (f64.mul (local.get $a0) (local.get $e0))
                                  (f64.mul (local.get $a1) (local.get $e1)))
                                (f64.mul (local.get $a2) (local.get $e2)))
                              (f64.mul (local.get $a3) (local.get $e3)))))))))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $w0 (i32.add (local.get $w0) (i32.shl (local.get $xs) (i32.const 2))))
            (br $eachOutputBlock)))
        (block $tailDone
          (loop $eachTailOutput
            (br_if $tailDone (i32.ge_u (local.get $o) (local.get $nout)))
            (local.set $a0 (f64.load (i32.add (local.get $ya) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $c0
              (select (f64.load (i32.add (local.get $yb) (i32.shl (local.get $o) (i32.const 3))))
                (f64.const 0)
                (local.get $pair)))
            (if (i32.eqz (i32.and (f64.eq (local.get $a0) (f64.const 0)) (f64.eq (local.get $c0) (f64.const 0))))
              (then
                (local.set $A0 (f64x2.splat (local.get $a0)))
                (if (local.get $pair)
                  (then
                    (local.set $C0 (f64x2.splat (local.get $c0)))
                    (local.set $j (i32.const 0))
                    (if (i32.lt_u (local.get $j) (local.get $jend))
                      (then
                        (loop $eachInputPair
                          (local.set $p0 (v128.load (i32.add (local.get $w0) (local.get $j))))
                          (v128.store (i32.add (local.get $xa) (local.get $j))
                            (f64x2.add (v128.load (i32.add (local.get $xa) (local.get $j)))
                              (f64x2.mul (local.get $A0) (local.get $p0))))
                          (v128.store (i32.add (local.get $xb) (local.get $j))
                            (f64x2.add (v128.load (i32.add (local.get $xb) (local.get $j)))
                              (f64x2.mul (local.get $C0) (local.get $p0))))
                          (local.set $j (i32.add (local.get $j) (i32.const 16)))
                          (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                    ;; an odd last input j: the same chain in scalar f64
                    (if (i32.and (local.get $nin) (i32.const 1))
                      (then
                        (local.set $e0 (f64.load (i32.add (local.get $w0) (local.get $j))))
                        (f64.store (i32.add (local.get $xa) (local.get $j))
                          (f64.add (f64.load (i32.add (local.get $xa) (local.get $j)))
                            (f64.mul (local.get $a0) (local.get $e0))))
                        (f64.store (i32.add (local.get $xb) (local.get $j))
                          (f64.add (f64.load (i32.add (local.get $xb) (local.get $j)))
                            (f64.mul (local.get $c0) (local.get $e0)))))))
                  (else
                    (local.set $j (i32.const 0))
                    (if (i32.lt_u (local.get $j) (local.get $jend))
                      (then
                        (loop $eachInputPair
                          (local.set $p0 (v128.load (i32.add (local.get $w0) (local.get $j))))
                          (v128.store (i32.add (local.get $xa) (local.get $j))
                            (f64x2.add (v128.load (i32.add (local.get $xa) (local.get $j)))
                              (f64x2.mul (local.get $A0) (local.get $p0))))
                          (local.set $j (i32.add (local.get $j) (i32.const 16)))
                          (br_if $eachInputPair (i32.lt_u (local.get $j) (local.get $jend))))))
                    ;; an odd last input j: the same chain in scalar f64
                    (if (i32.and (local.get $nin) (i32.const 1))
                      (then
                        (local.set $e0 (f64.load (i32.add (local.get $w0) (local.get $j))))
                        (f64.store (i32.add (local.get $xa) (local.get $j))
                          (f64.add (f64.load (i32.add (local.get $xa) (local.get $j)))
                            (f64.mul (local.get $a0) (local.get $e0))))))))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $w0 (i32.add (local.get $w0) (local.get $xs)))
            (br $eachTailOutput)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $eachSamplePair))))

  ;; ---- element-wise steps of the passes and of SGD, for the same reason: JavaScript spends about
  ;; 1 ns per element on these loops, two lanes here spend a fraction of that. Each lane computes
  ;; what the JavaScript loop computes for its element (mlp.ts, optimizerState.ts).

  ;; a = z > 0 ? z : 0 over n values (ReLU; NaN and −0 give +0, as the JavaScript ternary does).
  (func (export "relu") (param $z i32) (param $a i32) (param $n i32)
    (local $k i32) (local $end i32) (local $v v128) (local $s f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $k (i32.const 0))
    (if (i32.lt_u (local.get $k) (local.get $end))
      (then
        (loop $eachPair
          (local.set $v (v128.load (i32.add (local.get $z) (local.get $k))))
          ;; the mask of z > 0 keeps z's bits; elsewhere all bits 0 = +0
          (v128.store (i32.add (local.get $a) (local.get $k))
            (v128.and (local.get $v) (f64x2.gt (local.get $v) (v128.const i64x2 0 0))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $eachPair (i32.lt_u (local.get $k) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $s (f64.load (i32.add (local.get $z) (local.get $k))))
        (f64.store (i32.add (local.get $a) (local.get $k))
          (select (local.get $s) (f64.const 0) (f64.gt (local.get $s) (f64.const 0)))))))

  ;; d = z > 0 ? d : 0 over n values (back through ReLU: the gradient passes where the unit was on).
  (func (export "reluBackward") (param $z i32) (param $d i32) (param $n i32)
    (local $k i32) (local $end i32) (local $v v128)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $k (i32.const 0))
    (if (i32.lt_u (local.get $k) (local.get $end))
      (then
        (loop $eachPair
          (local.set $v (f64x2.gt (v128.load (i32.add (local.get $z) (local.get $k))) (v128.const i64x2 0 0)))
          (v128.store (i32.add (local.get $d) (local.get $k))
            (v128.and (v128.load (i32.add (local.get $d) (local.get $k))) (local.get $v)))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $eachPair (i32.lt_u (local.get $k) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (if (i32.eqz (f64.gt (f64.load (i32.add (local.get $z) (local.get $k))) (f64.const 0)))
          (then (f64.store (i32.add (local.get $d) (local.get $k)) (f64.const 0)))))))

  ;; One torch.optim.SGD step over n parameters, as optimizerState.ts:
  ;;   d = g (+ wd·θ when wd ≠ 0); with momentum: d = first ? d : buf·μ + d, buf = d; θ = θ + (−lr)·d.
  ;; `withBuf` 0: no momentum (buf unused); negLr = −lr.
  (func (export "sgd")
    (param $theta i32) (param $grad i32) (param $buf i32) (param $withBuf i32) (param $n i32)
    (param $negLr f64) (param $wd f64) (param $mu f64) (param $first i32)
    (local $k i32) (local $end i32) (local $d v128) (local $p v128)
    (local $LR v128) (local $WD v128) (local $MU v128) (local $decay i32) (local $momentum i32)
    (local $ds f64) (local $ps f64)
    (local.set $LR (f64x2.splat (local.get $negLr)))
    (local.set $WD (f64x2.splat (local.get $wd)))
    (local.set $MU (f64x2.splat (local.get $mu)))
    (local.set $decay (f64.ne (local.get $wd) (f64.const 0)))
    (local.set $momentum (local.get $withBuf))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $k (i32.const 0))
    (if (i32.lt_u (local.get $k) (local.get $end))
      (then
        (loop $eachPair
          (local.set $p (v128.load (i32.add (local.get $theta) (local.get $k))))
          (local.set $d (v128.load (i32.add (local.get $grad) (local.get $k))))
          (if (local.get $decay)
            (then (local.set $d (f64x2.add (local.get $d) (f64x2.mul (local.get $WD) (local.get $p))))))
          (if (local.get $momentum)
            (then
              (if (i32.eqz (local.get $first))
                (then
                  (local.set $d
                    (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $buf) (local.get $k))) (local.get $MU))
                      (local.get $d)))))
              (v128.store (i32.add (local.get $buf) (local.get $k)) (local.get $d))))
          (v128.store (i32.add (local.get $theta) (local.get $k))
            (f64x2.add (local.get $p) (f64x2.mul (local.get $LR) (local.get $d))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $eachPair (i32.lt_u (local.get $k) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $ps (f64.load (i32.add (local.get $theta) (local.get $k))))
        (local.set $ds (f64.load (i32.add (local.get $grad) (local.get $k))))
        (if (local.get $decay)
          (then (local.set $ds (f64.add (local.get $ds) (f64.mul (local.get $wd) (local.get $ps))))))
        (if (local.get $momentum)
          (then
            (if (i32.eqz (local.get $first))
              (then
                (local.set $ds
                  (f64.add (f64.mul (f64.load (i32.add (local.get $buf) (local.get $k))) (local.get $mu))
                    (local.get $ds)))))
            (f64.store (i32.add (local.get $buf) (local.get $k)) (local.get $ds))))
        (f64.store (i32.add (local.get $theta) (local.get $k))
          (f64.add (local.get $ps) (f64.mul (local.get $negLr) (local.get $ds)))))))

  ;; One Adam / AdamW step over n parameters, as optimizerState.ts (torch 1.13's _single_tensor_adam):
  ;;   mode 1 (Adam, weight decay): g = g + wd·θ;  mode 2 (AdamW): θ = θ·(1 − lr·wd) first; mode 0: neither
  ;;   m = m·β₁ + (1−β₁)·g;  v = v·β₂ + (1−β₂)·(g·g);  θ = θ + (−step)·(m / (√v / bc2 + eps)).
  ;; The caller passes the scalars exactly as JavaScript computes them: rest = 1 − β, negStep = −lr/(1−β₁ᵗ),
  ;; bc2 = √(1−β₂ᵗ), decay = wd (mode 1) or 1 − lr·wd (mode 2). √ and ÷ are correctly rounded in both.
  (func (export "adam")
    (param $theta i32) (param $grad i32) (param $m i32) (param $v i32) (param $n i32) (param $mode i32)
    (param $decay f64) (param $beta1 f64) (param $rest1 f64) (param $beta2 f64) (param $rest2 f64)
    (param $negStep f64) (param $bc2 f64) (param $eps f64)
    (local $k i32) (local $end i32)
    (local $p v128) (local $g v128) (local $mi v128) (local $vi v128)
    (local $DECAY v128) (local $BETA1 v128) (local $REST1 v128) (local $BETA2 v128) (local $REST2 v128)
    (local $NEGSTEP v128) (local $BC2 v128) (local $EPS v128)
    (local $ps f64) (local $gs f64) (local $ms f64) (local $vs f64)
    (local.set $DECAY (f64x2.splat (local.get $decay)))
    (local.set $BETA1 (f64x2.splat (local.get $beta1))) (local.set $REST1 (f64x2.splat (local.get $rest1)))
    (local.set $BETA2 (f64x2.splat (local.get $beta2))) (local.set $REST2 (f64x2.splat (local.get $rest2)))
    (local.set $NEGSTEP (f64x2.splat (local.get $negStep))) (local.set $BC2 (f64x2.splat (local.get $bc2)))
    (local.set $EPS (f64x2.splat (local.get $eps)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $k (i32.const 0))
    (if (i32.lt_u (local.get $k) (local.get $end))
      (then
        (loop $eachPair
          (local.set $p (v128.load (i32.add (local.get $theta) (local.get $k))))
          (local.set $g (v128.load (i32.add (local.get $grad) (local.get $k))))
          (if (i32.eq (local.get $mode) (i32.const 2))
            (then (local.set $p (f64x2.mul (local.get $p) (local.get $DECAY))))
            (else (if (i32.eq (local.get $mode) (i32.const 1))
              (then (local.set $g (f64x2.add (local.get $g) (f64x2.mul (local.get $DECAY) (local.get $p))))))))
          (local.set $mi
            (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $m) (local.get $k))) (local.get $BETA1))
              (f64x2.mul (local.get $REST1) (local.get $g))))
          (local.set $vi
            (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $v) (local.get $k))) (local.get $BETA2))
              (f64x2.mul (local.get $REST2) (f64x2.mul (local.get $g) (local.get $g)))))
          (v128.store (i32.add (local.get $m) (local.get $k)) (local.get $mi))
          (v128.store (i32.add (local.get $v) (local.get $k)) (local.get $vi))
          (v128.store (i32.add (local.get $theta) (local.get $k))
            (f64x2.add (local.get $p)
              (f64x2.mul (local.get $NEGSTEP)
                (f64x2.div (local.get $mi)
                  (f64x2.add (f64x2.div (f64x2.sqrt (local.get $vi)) (local.get $BC2)) (local.get $EPS))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $eachPair (i32.lt_u (local.get $k) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $ps (f64.load (i32.add (local.get $theta) (local.get $k))))
        (local.set $gs (f64.load (i32.add (local.get $grad) (local.get $k))))
        (if (i32.eq (local.get $mode) (i32.const 2))
          (then (local.set $ps (f64.mul (local.get $ps) (local.get $decay))))
          (else (if (i32.eq (local.get $mode) (i32.const 1))
            (then (local.set $gs (f64.add (local.get $gs) (f64.mul (local.get $decay) (local.get $ps))))))))
        (local.set $ms
          (f64.add (f64.mul (f64.load (i32.add (local.get $m) (local.get $k))) (local.get $beta1))
            (f64.mul (local.get $rest1) (local.get $gs))))
        (local.set $vs
          (f64.add (f64.mul (f64.load (i32.add (local.get $v) (local.get $k))) (local.get $beta2))
            (f64.mul (local.get $rest2) (f64.mul (local.get $gs) (local.get $gs)))))
        (f64.store (i32.add (local.get $m) (local.get $k)) (local.get $ms))
        (f64.store (i32.add (local.get $v) (local.get $k)) (local.get $vs))
        (f64.store (i32.add (local.get $theta) (local.get $k))
          (f64.add (local.get $ps)
            (f64.mul (local.get $negStep)
              (f64.div (local.get $ms)
                (f64.add (f64.div (f64.sqrt (local.get $vs)) (local.get $bc2)) (local.get $eps)))))))))

  ;; The index of the first of n values that is ±∞ or NaN, or −1 (Number.isFinite in order):
  ;; |v| < ∞ is false exactly for those. Two at a time until a pair fails, then which one.
  (func (export "firstNonFinite") (param $a i32) (param $n i32) (result i32)
    (local $k i32) (local $end i32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $k (i32.const 0))
    (block $found
      (loop $eachPair
        (br_if $found (i32.ge_u (local.get $k) (local.get $end)))
        (br_if $found (i32.eqz (i64x2.all_true
          (f64x2.lt (f64x2.abs (v128.load (i32.add (local.get $a) (local.get $k)))) (v128.const f64x2 inf inf)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $eachPair)))
    ;; k: the first pair with a non-finite value, or the odd last value, or the end
    (block $none
      (loop $eachValue
        (br_if $none (i32.ge_u (local.get $k) (i32.shl (local.get $n) (i32.const 3))))
        (if (i32.eqz (f64.lt (f64.abs (f64.load (i32.add (local.get $a) (local.get $k)))) (f64.const inf)))
          (then (return (i32.shr_u (local.get $k) (i32.const 3)))))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $eachValue)))
    (i32.const -1))

  ;; A training batch: dst row i = src row perm[i], i < rows, rows of `width` float64 (the batch's
  ;; samples in the epoch's order; perm is int32, already checked to index src's rows).
  (func (export "gather") (param $src i32) (param $perm i32) (param $rows i32) (param $width i32) (param $dst i32)
    (local $i i32) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 3)))
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
        (memory.copy
          (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $bytes)))
          (i32.add (local.get $src)
            (i32.mul (i32.load (i32.add (local.get $perm) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bytes)))
          (local.get $bytes))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachRow)))))
