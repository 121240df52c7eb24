import Foundation
import Synchronization
import Testing
@testable import SourceToolkit

/// The background producer hands items over in order through a bounded buffer, surfaces the
/// producer's error after the items made before it, and stops a producer whose consumer gave up.
@Suite struct BackgroundProducerTests {
    struct Broken: Error, Equatable {}

    @Test func itemsComeInProductionOrderThenTheError() throws {
        let producer = BackgroundProducer<Int>(capacity: 3) { yield in
            for number in 0..<1_000 { try yield(number) }
            throw Broken()
        }
        var received: [Int] = []
        #expect(throws: Broken.self) {
            while let number = try producer.next() { received.append(number) }
        }
        #expect(received == Array(0..<1_000))
    }

    @Test func cancellingStopsTheProducerAtItsNextYield() throws {
        let made = Atomic<Int>(0)
        let ended = Atomic<Bool>(false)
        let producer = BackgroundProducer<Int>(capacity: 2) { yield in
            defer { ended.store(true, ordering: .sequentiallyConsistent) }
            for number in 0..<1_000_000 {
                try yield(number)
                made.add(1, ordering: .sequentiallyConsistent)
            }
        }
        #expect(try producer.next() == 0)
        producer.cancel()
        // The producer ends by itself once it is cancelled (it never fills more than its buffer).
        for _ in 0..<500 where !ended.load(ordering: .sequentiallyConsistent) { Thread.sleep(forTimeInterval: 0.01) }
        let hasEnded = ended.load(ordering: .sequentiallyConsistent), madeCount = made.load(ordering: .sequentiallyConsistent)
        #expect(hasEnded)
        #expect(madeCount < 10)
        // What was buffered before the cancel still comes out, then the end.
        var rest = 0
        while try producer.next() != nil { rest += 1 }
        #expect(rest <= 2)
    }
}
