"""Hostile and broken inputs, written by the tests themselves (nothing binary is committed).

`write_corpus(folder)` writes every case and returns them with what MedClair must do about each: give a record
(`expect="record"`) or refuse with a French message (`expect="message"`); `expect="either"` marks files that a
repairing reader may legitimately recover (a corrupted PDF) as long as the outcome is one of the two.
"""
from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from tests.pdf_factory import make_text_pdf

FRENCH_REQUEST = (
    "Dr Claire Martin, médecin généraliste, 12 rue des Lilas, 69003 Lyon\n"
    "Lyon, le 3 mars 2026\n\n"
    "Cher confrère,\n"
    "Je vous adresse Mme Dupont Jeanne, 67 ans, pour avis cardiologique : dyspnée d'effort depuis deux mois.\n"
    "Antécédents : hypertension artérielle, diabète de type 2.\n"
    "Traitement : Metformine 1000 mg matin et soir, Ramipril 5 mg le matin.\n"
    "Allergies : aucune connue.\n"
    "Merci de votre avis. Bien confraternellement.\n"
)

ENGLISH_LETTER = (
    "Dr John Smith, General Practitioner, 4 High Street, Oxford OX1 4AA\n"
    "3 March 2026\n\n"
    "Dear colleague,\n"
    "I am referring Mrs Jane Brown, aged 67, for a cardiology opinion: breathlessness on exertion for two months.\n"
    "History: high blood pressure, type 2 diabetes. Current medication: metformin 1 g twice daily.\n"
    "No known drug allergies. Kind regards.\n"
)


@dataclass
class Case:
    path: Path
    expect: str  # "record", "message" or "either"
    why: str


def write_corpus(folder: Path, pages_in_long_pdf: int = 500) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    good = make_text_pdf(folder / "00_bon_courrier.pdf", [FRENCH_REQUEST])
    good_bytes = good.read_bytes()
    cases = [
        Case(good, "record", "a normal two-paragraph French request"),
        Case(_write(folder / "01_vide.pdf", b""), "message", "0-byte file"),
        Case(_write(folder / "02_tronque.pdf", good_bytes[: len(good_bytes) // 3]), "either", "truncated PDF"),
        Case(_write(folder / "03_entete_seul.pdf", b"%PDF-1.7\n"), "message", "a PDF header and nothing else"),
        Case(_write(folder / "04_corrompu.pdf", corrupt(good_bytes, seed=4)), "either", "random bytes overwritten"),
        Case(_write(folder / "05_pas_un_pdf.pdf", zip_bytes()), "message", "a ZIP (e.g. .docx) renamed .pdf"),
        Case(_write(folder / "06_texte_renomme.pdf", FRENCH_REQUEST.encode()), "message", "plain text renamed .pdf"),
        Case(encrypted_pdf(folder / "07_mot_de_passe.pdf"), "message", "password-protected PDF (AES-256)"),
        Case(long_pdf(folder / "08_500_pages.pdf", pages_in_long_pdf), "record", f"{pages_in_long_pdf}-page PDF"),
        Case(javascript_and_attachment_pdf(folder / "09_javascript_piece_jointe.pdf"), "record",
             "OpenAction JavaScript, a JavaScript name tree and an embedded executable"),
        Case(blank_image_pdf(folder / "10_image_blanche.pdf"), "message", "image-only page, blank: no text after OCR"),
        Case(make_text_pdf(folder / "11_lettre_anglaise.pdf", [ENGLISH_LETTER]), "record", "an English letter"),
        Case(_write(folder / "12_une_ligne_1Mo.txt", one_long_line(1024 * 1024).encode()), "record",
             "a single 1 MB line of text"),
        Case(_write(folder / "13_tableaux_imbriques.pdf", nested_arrays_pdf(100_000)), "either",
             "a page dictionary holding arrays nested 100 000 deep"),
        Case(_write(folder / "14_arbre_de_pages_profond.pdf", deep_page_tree_pdf(5_000)), "either",
             "a page tree 5 000 levels deep"),
        Case(_write(folder / "15_bombe_zlib.pdf", deflate_bomb_pdf(200 * 1024 * 1024)), "either",
             "a content stream that inflates to 200 MB of spaces"),
        Case(_write(folder / "16_binaire.txt", bytes(range(256)) * 64), "either", "binary bytes named .txt"),
    ]
    return cases


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def corrupt(data: bytes, seed: int, fraction: float = 0.02) -> bytes:
    """Overwrite a few percent of the bytes with random ones, away from the header."""
    rng = random.Random(seed)
    mutated = bytearray(data)
    for _ in range(max(1, int(len(data) * fraction))):
        mutated[rng.randrange(16, len(data))] = rng.randrange(256)
    return bytes(mutated)


def zip_bytes() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Courrier</w:document>")
    return buffer.getvalue()


def encrypted_pdf(path: Path) -> Path:
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "Compte rendu confidentiel", fontsize=11)
    pdf.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="proprietaire")
    pdf.close()
    return path


def long_pdf(path: Path, pages: int) -> Path:
    """Many pages drawn with insert_text (much faster to build than HTML boxes)."""
    pdf = pymupdf.open()
    lines = FRENCH_REQUEST.splitlines()
    for number in range(pages):
        page = pdf.new_page(width=595, height=842)
        for row, line in enumerate(lines):
            page.insert_text((56, 72 + 16 * row), line[:95], fontsize=10)
        page.insert_text((56, 800), f"Page {number + 1} / {pages}", fontsize=8)
    pdf.save(path, garbage=1, deflate=True)
    pdf.close()
    return path


def javascript_and_attachment_pdf(path: Path) -> Path:
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "Je vous adresse Mme Dupont pour avis cardiologique.", fontsize=11)
    action = pdf.get_new_xref()
    pdf.update_object(action, "<< /Type /Action /S /JavaScript /JS (app.alert('ouvert'); this.exportDataObject({cName: 'outil.exe', nLaunch: 2});) >>")
    catalog = pdf.pdf_catalog()
    pdf.xref_set_key(catalog, "OpenAction", f"{action} 0 R")
    script = pdf.get_new_xref()
    pdf.update_object(script, "<< /S /JavaScript /JS (app.launchURL('http://example.invalid/', true);) >>")
    pdf.xref_set_key(catalog, "Names", f"<< /JavaScript << /Names [(lancer) {script} 0 R] >> >>")
    pdf.embfile_add("outil.exe", b"MZ" + bytes(510), filename="outil.exe", desc="exécutable joint")
    pdf.save(path)
    pdf.close()
    return path


def blank_image_pdf(path: Path) -> Path:
    """One page carrying only a white picture, as a scanner produces for an empty sheet."""
    pixmap = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 620, 877), 0)
    pixmap.clear_with(255)
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    page.insert_image(page.rect, pixmap=pixmap)
    pdf.save(path, deflate=True)
    pdf.close()
    return path


def one_long_line(size: int) -> str:
    sentence = "Patient de 67 ans adressé pour dyspnée d'effort, traité par Ramipril 5 mg, sans allergie connue ; "
    return (sentence * (size // len(sentence) + 1))[:size]


def _assemble(objects: list[bytes], root: int = 1) -> bytes:
    """A syntactically complete PDF with a correct cross-reference table from numbered object bodies."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _text_stream(text: str) -> bytes:
    content = b"BT /F1 11 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def nested_arrays_pdf(depth: int) -> bytes:
    """One page whose dictionary carries an array nested `depth` levels: recursion attack on the parser."""
    nested = b"[" * depth + b"0" + b"]" * depth
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> /Piege " + nested + b" >>",
        _text_stream("Demande d'avis pour Mme Dupont, dyspnee d'effort."),
        _FONT,
    ])


def deep_page_tree_pdf(depth: int) -> bytes:
    """The one page hangs under `depth` intermediate /Pages nodes: recursion attack on page-tree walking."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    page_number = depth + 2
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
        b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (page_number - 1, page_number + 1, page_number + 2)
    )
    objects.append(_text_stream("Renouvellement d'ordonnance pour M. Durand."))
    objects.append(_FONT)
    return _assemble(objects)


def deflate_bomb_pdf(inflated_size: int) -> bytes:
    """A page whose compressed content stream is small on disk and huge once inflated."""
    chunk = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9)
    payload = compressor.compress(b"BT /F1 11 Tf 72 720 Td (Bombe de decompression) Tj ET ")
    payload += b"".join(compressor.compress(chunk) for _ in range(inflated_size // len(chunk)))
    payload += compressor.flush()
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(payload) + payload + b"\nendstream",
        _FONT,
    ])
