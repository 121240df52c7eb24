import Foundation
import SourceToolkit

/// Reads one log file, streamed line by line: the header, then records with their times resolved
/// (`PidginClock`), TXT continuation lines joined to their record, and every line that is no record
/// reported with its number and byte offset.
struct PidginLogFile {
    enum Event {
        case record(PidginRecord, time: Int64)
        /// A line that is no record (or whose stamp is no real time): line number, byte offset, its start.
        case unknownLine(line: Int, offset: Int, text: String)
        /// Something read differently than written (e.g. not UTF-8), with why and on which line.
        case changed(reason: String, line: Int)
    }

    /// Longest line kept; longer lines (a pasted file) are cut and reported.
    static let maxLineBytes = 1 << 20
    /// Largest TXT message kept from continuation lines (the core splits long posts; this bounds memory).
    static let maxRecordBytes = 4 << 20

    let name: PidginFileName
    let forcedDateOrder: PidginDateOrder?
    let defaultZone: TimeZone?

    /// Reads `entry` of `archive`; `knownNames` gives the senders attributed so far (for TXT `/me` lines).
    func read(_ entry: SourceArchive.Entry, of archive: SourceArchive, knownNames: () -> [String],
              _ emit: (Event) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            var state = State(file: self, emit: emit)
            var chunker = LineChunker(maxLineBytes: Self.maxLineBytes)
            try archive.read(entry) { chunk in
                try chunker.feed(chunk) { try state.take($0, knownNames: knownNames) }
            }
            try chunker.finish { try state.take($0, knownNames: knownNames) }
            try state.finish()
        }
    }

    /// The zone the file's wall-clock times are in: its name's offset, else `--timezone`, else UTC.
    var zone: CivilTime.Zone {
        if let offset = name.offsetSeconds { return .offset(seconds: offset) }
        return defaultZone.map { .named($0) } ?? .offset(seconds: 0)
    }

    private struct State {
        let file: PidginLogFile
        let emit: (Event) throws -> Void
        var clock: PidginClock?
        var pending: (record: PidginRecord, time: Int64)?
        var sawContent = false

        init(file: PidginLogFile, emit: @escaping (Event) throws -> Void) {
            self.file = file
            self.emit = emit
        }

        mutating func take(_ line: LineChunker.Line, knownNames: () -> [String]) throws {
            var text: String
            if let valid = String(validating: line.bytes, as: UTF8.self) {
                text = valid
            } else {
                // Old Windows clients wrote the ANSI code page; Latin-1 keeps every byte readable.
                text = String(String.UnicodeScalarView(line.bytes.map { Unicode.Scalar($0) }))
                try emit(.changed(reason: "line is not UTF-8; read as Latin-1", line: line.number))
            }
            if line.truncated {
                try emit(.changed(reason: "line is longer than \(PidginLogFile.maxLineBytes >> 20) MiB; cut there", line: line.number))
            }
            if !sawContent {
                guard !text.isBlank else { return }
                sawContent = true
                var order = file.forcedDateOrder
                if PidginHeader.looksLikeHeader(text, format: file.name.format) {
                    let header = PidginHeader(line: text, format: file.name.format)
                    order = order ?? header.dateOrder(matching: file.name)
                    clock = PidginClock(start: file.name.localStart, zone: file.zone, dateOrder: order)
                    return
                }
                clock = PidginClock(start: file.name.localStart, zone: file.zone, dateOrder: order)
            }
            if text.hasSuffix("\r") { text.removeLast() }
            switch file.name.format {
            case .html: try takeHTML(text, line)
            case .text: try takeText(Substring(text), number: line.number, offset: line.offset, knownNames: knownNames)
            }
        }

        mutating func finish() throws {
            if let pending { try emit(.record(pending.record, time: pending.time)) }
            pending = nil
        }

        private mutating func takeHTML(_ text: String, _ line: LineChunker.Line) throws {
            let trimmed = Substring(text).trimmingWhitespace.lowercased()
            if trimmed.isEmpty || ["</body></html>", "</body>", "</html>"].contains(trimmed) { return }
            guard let record = PidginHTMLLine.parse(text, number: line.number, offset: line.offset) else {
                return try unknown(line.number, line.offset, text)
            }
            try resolved(record, text: text)
        }

        private mutating func takeText(_ text: Substring, number: Int, offset: Int, knownNames: () -> [String]) throws {
            var parsed = PidginTextLine.parse(text, number: number, offset: offset, knownNames: knownNames())
            if case .record = parsed, pending != nil {
                // The previous record is complete: attribute it first, so its sender's name helps split this line.
                try finish()
                parsed = PidginTextLine.parse(text, number: number, offset: offset, knownNames: knownNames())
            }
            switch parsed {
            case .record(let record, let trailing):
                try finish()
                try resolved(record, text: String(text))
                if let trailing {
                    let at = offset + text.utf8.distance(from: text.startIndex, to: trailing.startIndex)
                    try takeText(trailing, number: number, offset: at, knownNames: knownNames)
                }
            case .continuation:
                guard pending != nil else {
                    if text.isBlank { return }  // blank lines after the header
                    return try unknown(number, offset, String(text))
                }
                guard pending!.record.text.utf8.count < PidginLogFile.maxRecordBytes else {
                    return try emit(.changed(reason: "continuation line dropped: the message it continues is over \(PidginLogFile.maxRecordBytes >> 20) MiB", line: number))
                }
                pending!.record.text += "\n" + String(text)
            case .badStamp:
                try unknown(number, offset, String(text))
            }
        }

        /// Times the record; TXT records wait for their continuation lines, HTML ones go at once.
        private mutating func resolved(_ record: PidginRecord, text: String) throws {
            guard let time = clock!.resolve(record.stamp) else {
                return try unknown(record.line, record.offset, text)
            }
            if file.name.format == .html {
                try emit(.record(record, time: time))
            } else {
                pending = (record, time)
            }
        }

        private func unknown(_ number: Int, _ offset: Int, _ text: String) throws {
            try emit(.unknownLine(line: number, offset: offset, text: String(text.prefix(80))))
        }
    }
}
