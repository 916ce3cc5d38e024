;; The inner loop of the expanded-form nearest-code search (src/lib/nearestCode.ts, run by
;; `vectorQuantize`) in WebAssembly SIMD: for every input row, the index of the nearest code,
;; argmin_j (‖e_j‖² − 2·x·e_j). Compiled to the bytes in vqKernelWasm.ts
;; by `npm run wasm` (scripts/build-vq-wasm.mjs); a unit test checks that the two agree.
;;
;; It does exactly the arithmetic of the JavaScript kernel `blockedExpanded`, two lanes at a time:
;; every dot product is summed in float64 in coordinate order from 0 (a multiply, then an add: no
;; fused multiply-add in WebAssembly SIMD), the score is ‖e‖² − 2·dot, and scores are compared with
;; a strict < in code order, so ties go to the lowest index (torch.argmin). The indices are
;; therefore bit-identical to the JavaScript path (tests/unit/vq.wasm.test.ts).
;;
;; Register blocking: two rows against four codes per sweep over the coordinates; four f64x2
;; accumulators, each loaded code pair feeds two products and each row value (splat) two.
;;
;; Memory layout (all float64 little-endian, set up by src/lib/vqWasm.ts):
;;   rows  [groups][d][2]    two rows interleaved by coordinate (a missing last row is zeros)
;;   blk   [kp/4][d][4]      the codebook in blocks of four codes interleaved by coordinate
;;   norms [kp]             ‖e_j‖², +Infinity for the padding codes past K
;;   out   [groups·2] int32  the nearest code of each row
(module
  (memory (export "memory") 1)
  (func (export "nearest")
    (param $groups i32) (param $d i32) (param $kp i32)
    (param $rows i32) (param $blk i32) (param $norms i32) (param $out i32)
    (local $a01 v128) (local $a23 v128)   ;; row 0 · codes j, j+1 and j+2, j+3
    (local $c01 v128) (local $c23 v128)   ;; row 1 · the same codes
    (local $e01 v128) (local $e23 v128) (local $x v128)
    (local $best0 i32) (local $best1 i32) (local $score0 f64) (local $score1 f64)
    (local $s v128) (local $sc f64)
    (local $g i32) (local $j i32) (local $p i32) (local $q i32) (local $qend i32)
    (local $rowBase i32) (local $blkBase i32) (local $normAt i32)
    (local.set $rowBase (local.get $rows))
    (block $rowsDone
      (loop $eachGroup
        (br_if $rowsDone (i32.ge_u (local.get $g) (local.get $groups)))
        (local.set $best0 (i32.const 0)) (local.set $score0 (f64.const inf))
        (local.set $best1 (i32.const 0)) (local.set $score1 (f64.const inf))
        (local.set $j (i32.const 0))
        (local.set $blkBase (local.get $blk))
        ;; the two rows of this group end 16·d bytes after they start
        (local.set $qend (i32.add (local.get $rowBase) (i32.shl (local.get $d) (i32.const 4))))
        (block $codesDone
          (loop $eachBlock
            (br_if $codesDone (i32.ge_u (local.get $j) (local.get $kp)))
            (local.set $a01 (v128.const i64x2 0 0)) (local.set $a23 (v128.const i64x2 0 0))
            (local.set $c01 (v128.const i64x2 0 0)) (local.set $c23 (v128.const i64x2 0 0))
            (local.set $p (local.get $blkBase))
            (local.set $q (local.get $rowBase))
            (loop $eachCoordinate
              (local.set $e01 (v128.load (local.get $p)))
              (local.set $e23 (v128.load offset=16 (local.get $p)))
              (local.set $x (v128.load64_splat (local.get $q)))
              (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $x) (local.get $e01))))
              (local.set $a23 (f64x2.add (local.get $a23) (f64x2.mul (local.get $x) (local.get $e23))))
              (local.set $x (v128.load64_splat offset=8 (local.get $q)))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $e01))))
              (local.set $c23 (f64x2.add (local.get $c23) (f64x2.mul (local.get $x) (local.get $e23))))
              (local.set $p (i32.add (local.get $p) (i32.const 32)))
              (local.set $q (i32.add (local.get $q) (i32.const 16)))
              (br_if $eachCoordinate (i32.lt_u (local.get $q) (local.get $qend))))
            ;; scores ‖e‖² − 2·dot, compared in code order with a strict <
            (local.set $normAt (i32.add (local.get $norms) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $s (f64x2.sub (v128.load (local.get $normAt)) (f64x2.mul (local.get $a01) (f64x2.splat (f64.const 2)))))
            (local.set $sc (f64x2.extract_lane 0 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score0)) (then (local.set $score0 (local.get $sc)) (local.set $best0 (local.get $j))))
            (local.set $sc (f64x2.extract_lane 1 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score0)) (then (local.set $score0 (local.get $sc)) (local.set $best0 (i32.add (local.get $j) (i32.const 1)))))
            (local.set $s (f64x2.sub (v128.load offset=16 (local.get $normAt)) (f64x2.mul (local.get $a23) (f64x2.splat (f64.const 2)))))
            (local.set $sc (f64x2.extract_lane 0 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score0)) (then (local.set $score0 (local.get $sc)) (local.set $best0 (i32.add (local.get $j) (i32.const 2)))))
            (local.set $sc (f64x2.extract_lane 1 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score0)) (then (local.set $score0 (local.get $sc)) (local.set $best0 (i32.add (local.get $j) (i32.const 3)))))
            (local.set $s (f64x2.sub (v128.load (local.get $normAt)) (f64x2.mul (local.get $c01) (f64x2.splat (f64.const 2)))))
            (local.set $sc (f64x2.extract_lane 0 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score1)) (then (local.set $score1 (local.get $sc)) (local.set $best1 (local.get $j))))
            (local.set $sc (f64x2.extract_lane 1 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score1)) (then (local.set $score1 (local.get $sc)) (local.set $best1 (i32.add (local.get $j) (i32.const 1)))))
            (local.set $s (f64x2.sub (v128.load offset=16 (local.get $normAt)) (f64x2.mul (local.get $c23) (f64x2.splat (f64.const 2)))))
            (local.set $sc (f64x2.extract_lane 0 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score1)) (then (local.set $score1 (local.get $sc)) (local.set $best1 (i32.add (local.get $j) (i32.const 2)))))
            (local.set $sc (f64x2.extract_lane 1 (local.get $s)))
            (if (f64.lt (local.get $sc) (local.get $score1)) (then (local.set $score1 (local.get $sc)) (local.set $best1 (i32.add (local.get $j) (i32.const 3)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (local.set $blkBase (i32.add (local.get $blkBase) (i32.shl (local.get $d) (i32.const 5))))
            (br $eachBlock)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $g) (i32.const 3))) (local.get $best0))
        (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $g) (i32.const 3))) (local.get $best1))
        (local.set $rowBase (local.get $qend))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $eachGroup)))))
