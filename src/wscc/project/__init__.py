"""Following close codes across the modules of a project.

``summary`` makes each module's summary from its model; ``index`` answers what an
imported name is; ``crossing`` judges the calls of other modules' wrappers; ``Project``
(``wscc.project.build``) ties them to the files of one project for the front ends.
"""
