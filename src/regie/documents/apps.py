from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "regie.documents"
    label = "documents"
    verbose_name = "Brieven en dossiers"

    def ready(self) -> None:
        # The acknowledgement e-mail at intake follows the municipality's own acknowledgement
        # letter once it edited one in Beheer (the register cannot import this room).
        from regie.cases.services.acknowledgement import acknowledgement_in_own_words
        from regie.documents.rendering import edited_acknowledgement

        acknowledgement_in_own_words(edited_acknowledgement)
