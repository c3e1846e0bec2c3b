"""MedClair desktop application: Qt GUI, background worker, encrypted store, accounts, audit, exports."""
