import Domain
import Foundation
import XCTest

final class JobTaskTests: XCTestCase {
    func testEveryCategoryHasTheSheetsTasks() {
        XCTAssertEqual(JobCategory.kitchenCleaning.knownTasks.map(\.code), [
            "anrette-fjerne-frokost", "handle-ind", "opvask", "klargoere-moedelokaler", "ordne-koeleskab",
        ])
        XCTAssertEqual(JobCategory.officeReception.knownTasks.map(\.code), [
            "lette-kontoropgaver", "arkivering", "post", "kopiere-makulere", "telefonbetjening",
        ])
        XCTAssertEqual(JobCategory.caretakerGardener.knownTasks.map(\.code), [
            "oprydning", "smaa-reparationer", "vedligeholdelse-af-udearealer", "pakkehaandtering", "sortering",
        ])
        XCTAssertEqual(JobCategory.shop.knownTasks.map(\.code), [
            "toerre-stoev-af-paa-varehylder", "rydde-omklaedningsrum", "laegge-toej-sammen", "pakkehaandtering",
            "spotte-udloebsvarer",
        ])
        XCTAssertEqual(JobCategory.warehouseLogistics.knownTasks.map(\.code), [
            "statusoptaelling", "presse-pap", "oprydning-og-sortering", "koersel-af-varer",
            "opfyldning-og-udlevering-af-arbejdstoej",
        ])
        XCTAssertEqual(JobCategory.other.knownTasks, [])
    }

    func testSharedTaskHasOneCode() {
        XCTAssertEqual(KnownJobTask.all.count, 24)
        XCTAssertEqual(JobTask.knownCodes.count, 24)
        XCTAssertEqual(KnownJobTask.all.filter { $0.code == "pakkehaandtering" }.count, 1)
    }

    func testCodesAreASCIISlugs() {
        for code in JobTask.knownCodes {
            XCTAssertTrue(code.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }, code)
        }
    }

    func testNormalisesDanishLabels() {
        for task in KnownJobTask.all {
            XCTAssertEqual(JobTask.normalise(task.danishLabel), .known(code: task.code), task.danishLabel)
            XCTAssertEqual(JobTask.normalise(task.code), .known(code: task.code), task.code)
        }
    }

    func testIgnoresCasePunctuationAndSpelling() {
        XCTAssertEqual(JobTask.normalise("  anrette / fjerne FROKOST "), .known(code: "anrette-fjerne-frokost"))
        XCTAssertEqual(JobTask.normalise("Anrette-fjerne frokost"), .known(code: "anrette-fjerne-frokost"))
        XCTAssertEqual(JobTask.normalise("Klargoere moedelokaler"), .known(code: "klargoere-moedelokaler"))
        XCTAssertEqual(JobTask.normalise("Pakke-håndtering"), .known(code: "pakkehaandtering"))
        XCTAssertEqual(JobTask.normalise("pakkehaandtering"), .known(code: "pakkehaandtering"))
        XCTAssertEqual(JobTask.normalise("Små-reparationer"), .known(code: "smaa-reparationer"))
        XCTAssertEqual(JobTask.normalise("Kørsel af varer."), .known(code: "koersel-af-varer"))
    }

    func testAcceptsThePrintedSheetsWording() {
        XCTAssertEqual(JobTask.normalise("Sorteringsopgaver"), .known(code: "sortering"))
        XCTAssertEqual(JobTask.normalise("Vedligeholdelse udearealer"), .known(code: "vedligeholdelse-af-udearealer"))
    }

    func testKeepsOtherTextAsTrimmedFreeText() {
        XCTAssertEqual(JobTask.normalise("  Vande planter i kantinen "), .freeText("Vande planter i kantinen"))
        XCTAssertEqual(JobTask.normalise("Opvask og aftørring"), .freeText("Opvask og aftørring"))
    }

    func testCodesAsOneStringPerTask() throws {
        let tasks: [JobTask] = [.known(code: "opvask"), .freeText("Vande planter")]
        let encoded = try JSONEncoder().encode(tasks)
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["opvask","Vande planter"]"#)
        XCTAssertEqual(try JSONDecoder().decode([JobTask].self, from: encoded), tasks)
    }

    func testDescribesKnownTaskByDanishLabel() {
        XCTAssertEqual("\(JobTask.known(code: "klargoere-moedelokaler"))", "Klargøre mødelokaler")
        XCTAssertEqual(JobTask.known(code: "opvask").knownTask?.danishLabel, "Opvask")
        XCTAssertNil(JobTask.freeText("Vande planter").knownTask)
    }
}
